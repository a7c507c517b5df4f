"""Deadlines on China's working calendar: real 2026 dates (the Spring Festival and its make-up working days,
National Day), a year not yet announced, extensions approved and refused, a suspension and its resumption."""

from datetime import date

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests.factories import CountyWorld, make_county_world, make_task
from twoduty_app.common.workdays import (
	CalendarUnknownError,
	add_working_days,
	clear_calendar_cache,
	get_calendar,
	working_days_between,
)
from twoduty_app.exceptions import ExtensionError, TaskPausedError
from twoduty_app.supervision.deadlines import suspended_working_days
from twoduty_app.supervision.escalation import run_daily
from twoduty_app.supervision.holidays import official_days, remind_missing_next_year, seed_holidays


@pytest.fixture(autouse=True)
def undo_each_test():
	"""Each test's writes are undone, and the caches that outlive a rollback (the settings, the calendar)
	are cleared with them."""
	yield
	frappe.set_user("Administrator")
	frappe.db.rollback()
	frappe.clear_document_cache("TD Settings", "TD Settings")
	clear_calendar_cache()


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=True)
	return w


def test_the_calendar_holds_every_official_day_the_package_knows():
	official = official_days()
	assert seed_holidays() == 0  # install seeded them; seeding again adds nothing
	assert frappe.db.count("TD Holiday", {"source": "State Council Schedule"}) == len(official)
	assert frappe.db.get_value("TD Holiday", "2026-02-17", ["kind", "holiday_name"]) == ("Holiday", "春节")
	assert frappe.db.get_value("TD Holiday", "2026-02-28", "kind") == "Make-up Workday"
	assert set(range(2004, 2027)) <= get_calendar().years


def test_the_spring_festival_and_its_make_up_working_days():
	# Friday 13 February 2026; Saturday 14 is a make-up working day; 15 to 23 February are the holiday
	friday = date(2026, 2, 13)
	assert add_working_days(friday, 1) == date(2026, 2, 14)
	assert add_working_days(friday, 2) == date(2026, 2, 24)
	assert add_working_days(date(2026, 2, 24), -1) == date(2026, 2, 14)
	# working days after the 13th up to the 28th: the 14th, 24th to 27th and the make-up Saturday 28th
	assert working_days_between(friday, date(2026, 2, 28)) == 6
	assert working_days_between(date(2026, 2, 28), friday) == -6
	assert add_working_days(friday, 0) == friday


def test_national_day():
	# 1 to 7 October 2026 off; Sunday 20 September and Saturday 10 October are working days
	assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
	assert add_working_days(date(2026, 9, 18), 1) == date(2026, 9, 20)
	assert working_days_between(date(2026, 10, 8), date(2026, 10, 10)) == 2


def test_a_year_not_announced_is_never_guessed(world):
	"""2027 is not in the package: the app says so, until the county enters that year."""
	assert 2026 in get_calendar().years
	frappe.db.delete("TD Holiday", {"holiday_date": (">=", "2027-01-01")})  # as on a site nobody updated
	clear_calendar_cache()
	assert 2027 not in get_calendar().years
	with pytest.raises(CalendarUnknownError, match="2027"):
		add_working_days(date(2026, 12, 30), 5)
	frappe.set_user(world.admin)
	for day, kind, name in ((date(2027, 1, 1), "Holiday", "元旦"), (date(2027, 1, 2), "Holiday", "元旦")):
		frappe.get_doc(
			{"doctype": "TD Holiday", "holiday_date": day, "kind": kind, "holiday_name": name}
		).insert()
	# with 2027 entered: Thursday 31 December, New Year's Day off, Monday 4 January 2027
	assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_the_county_is_reminded_from_the_first_of_december_while_next_year_is_missing(world):
	frappe.db.delete("TD Holiday", {"holiday_date": (">=", "2027-01-01")})
	clear_calendar_cache()
	assert not remind_missing_next_year(date(2026, 11, 30))
	assert not remind_missing_next_year(date(2026, 12, 2))  # a Wednesday
	assert remind_missing_next_year(date(2026, 12, 1))
	assert remind_missing_next_year(date(2026, 12, 7))  # a Monday
	subjects = frappe.get_all(
		"Notification Log", {"for_user": world.admin, "document_type": "TD Holiday"}, pluck="subject"
	)
	assert len(subjects) == 2 and all("2027" in s for s in subjects)


def set_working_day_rules(**values):
	settings = frappe.get_single("TD Settings")
	settings.update(values)
	settings.save()


def dated_task(w: CountyWorld, unit: str, issued_on: date, deadline: date) -> str:
	"""A task issued by the inspector, dated as if it had been issued on `issued_on`."""
	frappe.set_user(w.inspector)
	task = make_task(unit)
	frappe.set_user("Administrator")
	frappe.db.set_value("TD Rectification Task", task, {"issued_on": issued_on, "deadline": deadline})
	return task


def test_a_deadline_across_the_holiday_is_due_soon_in_working_days(world):
	"""Issued on 2 February with a deadline of 24 February: on Friday 13 February only two working days
	remain (the make-up Saturday and the 24th), so the unit is reminded; counted in calendar days, eleven
	days remain and nothing happens."""
	task = dated_task(world, world.a.unit, date(2026, 2, 2), date(2026, 2, 24))
	set_working_day_rules(due_soon_days=5, due_soon_in_working_days=0)
	run_daily(date(2026, 2, 13))
	assert frappe.db.get_value("TD Rectification Task", task, ["traffic_light", "reminded_round"]) == (
		"On Track",
		0,
	)
	set_working_day_rules(due_soon_in_working_days=1)
	run_daily(date(2026, 2, 13))
	assert frappe.db.get_value("TD Rectification Task", task, ["traffic_light", "reminded_round"]) == (
		"Due Soon",
		1,
	)
	assert frappe.db.count("Notification Log", {"document_name": task, "subject": ("like", "%到期%")}) == 2


def test_long_overdue_counts_working_days(world):
	"""30 working days after a deadline of 11 September 2026 fall on 29 October (National Day in between)."""
	task = dated_task(world, world.b.unit, date(2026, 8, 1), date(2026, 9, 11))
	set_working_day_rules(interview_after_overdue_days=30, overdue_in_working_days=1)
	assert add_working_days(date(2026, 9, 11), 30) == date(2026, 10, 29)
	run_daily(date(2026, 10, 29))
	assert frappe.db.count("TD Interview", {"proposed_for_task": task}) == 0
	run_daily(date(2026, 10, 30))
	assert frappe.db.count("TD Interview", {"proposed_for_task": task}) == 1


def test_a_task_without_a_deadline_gets_its_kinds_period_in_working_days(world):
	w = world
	frappe.set_user(w.inspector)
	doc = frappe.get_doc(
		{
			"doctype": "TD Rectification Task",
			"unit": w.a.unit,
			"problem": "未按期报送",
			"rectification_kind": "Deadline",
			"issued_on": today(),
		}
	).insert()
	assert doc.deadline == add_working_days(getdate(today()), 30)
	assert doc.plan_deadline == add_working_days(getdate(today()), 5)
	doc.load_from_db()
	doc.run_method("onload")
	assert doc.get_onload("working_days_left") == 30


def ask(task: str, user: str, days: int, reason: str = "需等待上级批复"):
	frappe.set_user(user)
	doc = frappe.get_doc("TD Rectification Task", task)
	return doc.request_extension(add_days(doc.deadline, days), reason)


def test_an_extension_asked_approved_and_refused(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, deadline_days=10)
	old = frappe.db.get_value("TD Rectification Task", task, "deadline")
	frappe.db.set_value(
		"TD Rectification Task", task, {"notice_round": 1, "escalation_level": "Supervision Notice"}
	)
	with pytest.raises(frappe.PermissionError):
		ask(task, w.b.liaison, 5)  # another township's
	with pytest.raises(frappe.PermissionError):
		ask(task, w.a.team_member, 5)  # not at the unit's desk
	request = ask(task, w.a.liaison, 10)
	with pytest.raises(ExtensionError):
		ask(task, w.a.head, 12)  # one request at a time
	frappe.set_user(w.a.head)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Extension Request", request).approve()
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Extension Request", request).approve("同意延期")
	doc = frappe.get_doc("TD Rectification Task", task)
	assert doc.deadline == getdate(add_days(old, 10)) and doc.extensions == 1
	assert [(r.change_kind, r.old_deadline, r.new_deadline) for r in doc.deadline_changes] == [
		("Extension", getdate(old), getdate(add_days(old, 10)))
	]
	# the steps already taken for the old deadline stay taken
	assert (doc.notice_round, doc.escalation_level) == (1, "Supervision Notice")
	refused = ask(task, w.a.liaison, 5, "人手不足")
	frappe.set_user(w.inspector)
	with pytest.raises(ExtensionError):
		frappe.get_doc("TD Extension Request", refused).refuse("")
	frappe.get_doc("TD Extension Request", refused).refuse("理由不充分")
	assert frappe.db.get_value("TD Rectification Task", task, ["deadline", "extensions"]) == (
		getdate(add_days(old, 10)),
		1,
	)
	assert frappe.db.get_value("TD Extension Request", refused, "status") == "Refused"


def test_extensions_are_limited(world):
	w = world
	set_working_day_rules(max_extensions=1)
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, deadline_days=10)
	request = ask(task, w.a.liaison, 5)
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Extension Request", request).approve()
	with pytest.raises(ExtensionError):
		ask(task, w.a.liaison, 5)


def test_a_suspension_stops_the_clock_and_resuming_moves_the_deadline(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, deadline_days=3)
	frappe.set_user(w.a.liaison)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Rectification Task", task).suspend("等待裁定")
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Rectification Task", task).suspend("等待上级机关答复")
	doc = frappe.get_doc("TD Rectification Task", task)
	assert (doc.paused, doc.traffic_light) == (1, "")
	# suspended: no escalation, no transition
	frappe.set_user("Administrator")
	run_daily()
	assert frappe.db.get_value("TD Rectification Task", task, "reminded_round") == 0
	with pytest.raises(TaskPausedError):
		frappe.set_user(w.a.liaison)
		doc = frappe.get_doc("TD Rectification Task", task)
		doc.measures = "方案"
		doc.workflow_state = "Plan Submitted"
		doc.save()
	# resumed after a suspension that began three working days before the last working day up to today
	# (on a Saturday, three working days before Friday: the weekend adds nothing to the count)
	frappe.set_user("Administrator")
	last_working_day = add_working_days(add_working_days(getdate(today()), 1), -1)
	began = add_working_days(last_working_day, -3)
	frappe.db.set_value("TD Rectification Task", task, "paused_on", began)
	deadline = frappe.db.get_value("TD Rectification Task", task, "deadline")
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Rectification Task", task).resume()
	doc = frappe.get_doc("TD Rectification Task", task)
	assert doc.paused == 0 and doc.deadline == add_working_days(getdate(deadline), 3)
	assert [r.change_kind for r in doc.deadline_changes] == ["Pause", "Resume"]
	assert doc.traffic_light in ("On Track", "Due Soon")


def test_the_suspended_days_count_only_working_days_whatever_day_the_task_resumes(world):
	# suspended on Wednesday 2026-11-25: Thursday and Friday count, the weekend does not
	wednesday = date(2026, 11, 25)
	assert suspended_working_days(wednesday, date(2026, 11, 28)) == 2
	assert suspended_working_days(wednesday, date(2026, 11, 29)) == 2
	assert suspended_working_days(wednesday, date(2026, 11, 30)) == 3
	# resumed the day it was suspended, or with a date before it: nothing to add
	assert suspended_working_days(wednesday, wednesday) == 0
	assert suspended_working_days(wednesday, date(2026, 11, 20)) == 0
	# across the National Day holiday (2026-10-01..07) and its make-up workday (Saturday 10-10)
	assert suspended_working_days(date(2026, 9, 30), date(2026, 10, 10)) == 3
