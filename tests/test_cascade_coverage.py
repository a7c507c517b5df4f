"""Interview coverage by level (逐级约谈): the rules as data, coverage per rule and interviewing unit for the
reader's branch, and the weekly reminders from 1 October (the county's report of the levels behind from
1 December), once per person and week.

The world: a county; townships 甲 (A) and 乙 (B), each with two villages and a station; a department with a
section. This year:
- the county interviewed A's Party secretary (named by person only) and A's discipline secretary (named by
  post), and B's Party secretary; nobody of the department;
- A interviewed its village 东 (a0); the county, not A, interviewed A's village 西 (a1), and an interview of
  a1 is on record as held by B; A has only planned an interview of its station;
- B interviewed its village 东 (b0) and its station.
So the county owes B (its discipline secretary) and the department (both posts); A owes a1 and its station;
B owes b1; the department owes its section."""

from datetime import date, timedelta

import frappe
import pytest
from frappe import _
from frappe.utils import getdate, nowdate, today

from tests import http, workers
from tests.factories import CountyWorld, make_county_world, make_interview, make_user
from tests.mail import mails_to
from twoduty_app.common import vocabulary as v
from twoduty_app.exceptions import CoverageSettingsError
from twoduty_app.supervision import coverage_alerts, coverage_marks
from twoduty_app.supervision.coverage import (
	Rule,
	configured_rules,
	coverage_by_interviewer,
	default_rules,
	owed_units,
)

YEAR = getdate(nowdate()).year
REMINDER = "约谈提醒"  # the subject of an interviewer's reminder
COUNTY_REPORT = "逐级约谈通报"  # the subject once the county hears of the levels behind


def first_monday_from(day: date) -> date:
	return day + timedelta(days=(7 - day.weekday()) % 7)


# a Monday in October and one in December of this year: weeks of their own
OCTOBER = first_monday_from(date(YEAR, 10, 5))
DECEMBER = first_monday_from(date(YEAR, 12, 2))


def unit_interview(head: str, unit: str, *, held: bool = True) -> str:
	"""An individual interview of `unit`'s Party secretary recorded by a unit's head (the unit he or she
	heads becomes its interviewing unit)."""
	frappe.set_user(head)
	doc = frappe.get_doc(
		{
			"doctype": "TD Interview",
			"title": "村党支部书记履责约谈",
			"interview_kind": v.INDIVIDUAL,
			"interview_category": "Routine",
			"unit": unit,
			"interview_date": today(),
			"interviewer": head,
			"interviewees": [{"interviewee_name": "村党支部书记", "unit": unit, "position": v.UNIT_HEAD}],
		}
	).insert()
	if held:
		doc.mark_held()
	return doc.name


def settings_doc():
	"""TD Settings as the county's admin edits them (values a release added and the site never saved at
	their defaults, as install leaves them)."""
	settings = frappe.get_doc("TD Settings")
	for df in settings.meta.fields:
		if df.default and settings.get(df.fieldname) in (None, "", 0):
			settings.set(df.fieldname, frappe.utils.cast(df.fieldtype, df.default))
	return settings


def unit_name(unit: str) -> str:
	return frappe.db.get_value("TD Unit", unit, "unit_name")


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world()
	frappe.set_user("Administrator")
	# the county's own discipline secretary: a member of the county unit, limited to its branch
	w.extra["county_secretary"] = make_user("county-sec", first_name="县纪委书记")
	county = frappe.get_doc("TD Unit", w.county)
	county.append("members", {"user": w.extra["county_secretary"], "position": v.DISCIPLINE_SECRETARY})
	county.save()
	frappe.db.set_single_value(
		"TD Settings", {"coverage_alert_from": "10-01", "coverage_county_alert_on": "12-01"}
	)
	frappe.clear_document_cache("TD Settings", "TD Settings")

	make_interview(
		w,
		unit=w.a.unit,
		title="甲乡年度约谈",
		interviewees=[
			{"user": w.a.head},  # by person: the post is the one held on the day
			{"interviewee_name": "甲乡纪委书记", "unit": w.a.unit, "position": v.DISCIPLINE_SECRETARY},
		],
		held=True,
	)
	make_interview(
		w,
		unit=w.b.unit,
		title="乙乡年度约谈",
		interviewees=[{"user": w.b.head, "unit": w.b.unit, "position": v.UNIT_HEAD}],
		held=True,
	)
	a0, a1 = w.a.villages
	w.extra["a0_interview"] = unit_interview(w.a.head, a0)
	make_interview(
		w,
		unit=a1,
		title="县纪委约谈西村",
		interviewees=[{"interviewee_name": "西村书记", "unit": a1, "position": v.UNIT_HEAD}],
		held=True,
	)
	foreign = unit_interview(w.a.head, a1)
	frappe.set_user("Administrator")
	# on record as held by township B (as an import could bring it): not A's interview of its village
	frappe.db.set_value("TD Interview", foreign, "interviewer_unit", w.b.unit)
	# written around the document: its coverage marks follow at the nightly rebuild, here at once
	coverage_marks.refresh([foreign])
	unit_interview(w.a.head, w.a.station, held=False)
	unit_interview(w.b.head, w.b.villages[0])
	unit_interview(w.b.head, w.b.station)
	frappe.set_user("Administrator")
	frappe.db.commit()
	people = (w.a.head, w.b.head, w.a.liaison, w.extra["county_secretary"], w.viewer)
	w.extra["tokens"] = {u: http.api_token(u) for u in people}
	return w


def figures(rows) -> dict:
	"""(interviewing level, interviewed level, interviewing unit) -> (owed, done)."""
	return {
		(r["interviewer_type"], r["interviewee_type"], r["interviewer"]): (r["owed"], r["done"]) for r in rows
	}


def test_the_default_rules_are_the_source_texts(world):
	"""The county interviews both heads of each first-level unit; each first-level unit interviews every
	unit directly under it; once a year. A fresh site gets them on install, an existing one by the patch."""
	assert configured_rules() == default_rules()
	assert Rule(v.COUNTY, v.TOWNSHIP, (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY)) in default_rules()
	assert Rule(v.TOWNSHIP, v.VILLAGE) in default_rules()
	assert Rule(v.DEPARTMENT, v.SECTION) in default_rules()
	assert len(default_rules()) == 7


def test_coverage_counts_each_level_by_its_own_interviewer(world):
	w = world
	frappe.set_user(w.extra["county_secretary"])  # the county's branch
	got = figures(coverage_by_interviewer(YEAR))
	assert got == {
		# A's two posts covered (the Party secretary by person, the discipline secretary by post); B's
		# discipline secretary not interviewed
		(v.COUNTY, v.TOWNSHIP, w.county): (2, 1),
		(v.COUNTY, v.DEPARTMENT, w.county): (1, 0),
		# A's village 东 by A; 西 by the county and by B: neither is A's interview of it
		(v.TOWNSHIP, v.VILLAGE, w.a.unit): (2, 1),
		(v.TOWNSHIP, v.VILLAGE, w.b.unit): (2, 1),
		# a planned interview is not a held one
		(v.TOWNSHIP, v.STATION, w.a.unit): (1, 0),
		(v.TOWNSHIP, v.STATION, w.b.unit): (1, 1),
		(v.DEPARTMENT, v.SECTION, w.department): (1, 0),
	}
	owed = {(u["interviewer"], u["unit"]): u["missing_positions"] for u in owed_units(YEAR)}
	assert owed == {
		(w.county, w.b.unit): (v.DISCIPLINE_SECRETARY,),
		(w.county, w.department): (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY),
		(w.a.unit, w.a.villages[1]): (),
		(w.a.unit, w.a.station): (),
		(w.b.unit, w.b.villages[1]): (),
		(w.department, frappe.db.get_value("TD Unit", {"parent_td_unit": w.department}, "name")): (),
	}


@pytest.mark.usefixtures("rollback_each_test")
def test_a_post_counts_for_whoever_held_it_on_the_day(world):
	"""A person named without a post counts for the post he or she held when the interview was held, not
	for one taken up later."""
	w = world
	frappe.set_user("Administrator")
	township = frappe.get_doc("TD Unit", w.a.unit)
	for row in township.members:
		if row.user == w.a.head:
			row.from_date = frappe.utils.add_days(today(), 1)  # A's Party secretary only from tomorrow
	township.save()
	frappe.set_user(w.extra["county_secretary"])
	assert figures(coverage_by_interviewer(YEAR))[(v.COUNTY, v.TOWNSHIP, w.county)] == (2, 0)


def kept_marks(w: CountyWorld) -> set[tuple]:
	"""The coverage marks of the units of `w`'s county (other modules' worlds share the site)."""
	lft, rgt = frappe.db.get_value("TD Unit", w.county, ["lft", "rgt"])
	units = frappe.get_all("TD Unit", [["lft", ">=", lft], ["lft", "<", rgt]], pluck="name")
	fields = ["interview", "year", "interviewer_unit", "unit", "position"]
	rows = frappe.get_all("TD Coverage Mark", {"unit": ("in", units)}, fields, as_list=True)
	return {tuple(r) for r in rows}


@pytest.mark.usefixtures("rollback_each_test")
def test_the_marks_kept_by_every_save_are_those_a_rebuild_gives(world):
	"""Coverage reads what each interview covers from marks kept ahead (supervision/coverage_marks.py): a
	post taken up later, a new interview held and one held again elsewhere leave exactly the rows a rebuild
	from the interviews gives, and coverage follows at once."""
	w = world
	a_head_post = (w.a.unit, v.UNIT_HEAD)
	by_person = {(m[3], m[4]) for m in kept_marks(w) if m[2] == ""}
	assert a_head_post in by_person  # the county's interview naming A's Party secretary by person
	held = unit_interview(w.a.head, w.a.villages[1])  # A's own interview of its village 西, now held
	assert (held, YEAR, w.a.unit, w.a.villages[1], "") in kept_marks(w)
	frappe.set_user("Administrator")
	township = frappe.get_doc("TD Unit", w.a.unit)
	for row in township.members:
		if row.user == w.a.head:
			row.from_date = frappe.utils.add_days(today(), 1)
	township.save()
	assert a_head_post not in {(m[3], m[4]) for m in kept_marks(w) if m[2] == ""}
	frappe.set_user(w.extra["county_secretary"])
	got = figures(coverage_by_interviewer(YEAR))
	assert got[(v.TOWNSHIP, v.VILLAGE, w.a.unit)] == (2, 2)
	assert got[(v.COUNTY, v.TOWNSHIP, w.county)] == (2, 0)
	kept = kept_marks(w)
	coverage_marks.rebuild_all()
	assert kept_marks(w) == kept


@pytest.mark.usefixtures("rollback_each_test")
def test_a_rule_asking_two_interviews_a_year_counts_two(world):
	w = world
	frappe.set_user(w.admin)
	settings = settings_doc()
	for row in settings.coverage_rules:
		if (row.interviewer_type, row.interviewee_type) == (v.TOWNSHIP, v.VILLAGE):
			row.min_interviews = 2
	settings.save()
	unit_interview(w.a.head, w.a.villages[0])  # A's second interview of its village 东
	frappe.set_user(w.extra["county_secretary"])
	got = figures(coverage_by_interviewer(YEAR))
	assert got[(v.TOWNSHIP, v.VILLAGE, w.a.unit)] == (2, 1)
	assert got[(v.TOWNSHIP, v.VILLAGE, w.b.unit)] == (2, 0)


def test_the_report_and_card_of_a_township_head_show_its_branch_only(world):
	w = world
	token = w.extra["tokens"][w.a.head]
	resp = http.post(
		"/api/method/frappe.desk.query_report.run",
		token,
		{"report_name": "Cascade Coverage", "filters": {"year": YEAR}},
	)
	assert resp.status == 200, resp.text[:400]
	rows = resp.json()["message"]["result"]
	assert [(r["interviewer"], r["owed"], r["done"], r["missing"]) for r in rows] == [
		(w.a.unit, 2, 1, 1),
		(w.a.unit, 1, 0, 1),
	]
	assert rows[0]["level"] == "乡镇约谈村"
	assert unit_name(w.a.villages[1]) in rows[0]["missing_units"]
	assert unit_name(w.a.villages[0]) not in rows[0]["missing_units"]
	assert "乙乡" not in frappe.as_json(rows)
	card = "/api/method/twoduty_app.api.dashboard.units_still_to_be_interviewed"
	assert http.get(card, token).json()["message"]["value"] == 2
	assert http.get(card, w.extra["tokens"][w.b.head]).json()["message"]["value"] == 1
	# the liaison reads the township's own figures too, and nothing of B's
	assert http.get(card, w.extra["tokens"][w.a.liaison]).json()["message"]["value"] == 2
	resp = http.get(
		"/api/method/twoduty_app.api.coverage.get_cascade_coverage", w.extra["tokens"][w.b.head], year=YEAR
	)
	assert {r["interviewer"] for r in resp.json()["message"]} == {w.b.unit}


def test_the_county_reads_every_level_of_its_branch(world):
	w = world
	token = w.extra["tokens"][w.extra["county_secretary"]]
	card = "/api/method/twoduty_app.api.dashboard.units_still_to_be_interviewed"
	# B's discipline secretary, the department (one unit), A's 西 and station, B's 西, the section
	assert http.get(card, token).json()["message"]["value"] == 6
	resp = http.post(
		"/api/method/frappe.desk.query_report.run",
		token,
		{"report_name": "Cascade Coverage", "filters": {"year": YEAR, "unit": w.county}},
	)
	assert resp.status == 200, resp.text[:400]
	result = resp.json()["message"]
	assert {r["interviewer"] for r in result["result"]} == {w.county, w.a.unit, w.b.unit, w.department}
	assert [s["value"] for s in result["report_summary"][:3]] == [10, 4, 6]
	county_row = next(r for r in result["result"] if r["level"].startswith("县约谈乡镇"))
	assert county_row["level"] == "县约谈乡镇（主要负责人、纪委书记（纪检组长））"
	assert "纪委书记" in county_row["missing_units"] and unit_name(w.b.unit) in county_row["missing_units"]


@pytest.mark.usefixtures("rollback_each_test")
def test_settings_refuse_a_day_that_is_not_mm_dd_and_a_level_not_directly_below(world):
	w = world
	frappe.set_user(w.admin)
	frappe.local.lang = "zh"
	for wrong in ("13-01", "10/01", "02-30", "1001"):
		settings = settings_doc()
		settings.coverage_alert_from = wrong
		with pytest.raises(CoverageSettingsError, match="月-日"):
			settings.save()
	settings = settings_doc()
	settings.append("coverage_rules", {"interviewer_type": v.TOWNSHIP, "interviewee_type": v.SECTION})
	with pytest.raises(CoverageSettingsError, match="没有直属"):
		settings.save()
	settings = settings_doc()
	settings.append("coverage_rules", {"interviewer_type": v.TOWNSHIP, "interviewee_type": v.VILLAGE})
	with pytest.raises(CoverageSettingsError, match="已存在"):
		settings.save()


def reminders_to(user: str, subject: str) -> list[tuple[str, str]]:
	return [m for m in mails_to(user) if subject in m[0]]


@pytest.mark.usefixtures("rollback_each_test")
def test_nothing_is_sent_before_the_first_reminder_day(world):
	w = world
	assert coverage_alerts.send_reminders(date(YEAR, 9, 30)) == 0
	assert not reminders_to(w.a.head, REMINDER)


@pytest.mark.usefixtures("rollback_each_test")
def test_each_interviewer_hears_once_a_week_of_the_units_of_its_own_branch(world):
	w = world
	other = make_county_world()  # another county: nothing of it reaches this county's people
	coverage_alerts.send_reminders(OCTOBER)

	a_mail = reminders_to(w.a.head, REMINDER)
	assert len(a_mail) == 1
	subject, body = a_mail[0]
	assert subject == "约谈提醒：本年度尚有2个单位未约谈"
	assert unit_name(w.a.villages[1]) in body and unit_name(w.a.station) in body
	assert unit_name(w.a.villages[0]) not in body  # interviewed
	assert "乙乡" not in body
	assert len(reminders_to(w.a.secretary, REMINDER)) == 1
	assert not reminders_to(w.a.liaison, REMINDER)  # the Party secretary and the discipline secretary only

	[(subject, body)] = reminders_to(w.b.head, REMINDER)
	assert subject == "约谈提醒：本年度尚有1个单位未约谈"
	assert unit_name(w.b.villages[1]) in body and "甲乡" not in body

	# the county's own discipline secretary: what the county owes in its branch, no other county's units
	[(subject, body)] = reminders_to(w.extra["county_secretary"], REMINDER)
	assert subject == "约谈提醒：本年度尚有2个单位未约谈"  # B's discipline secretary, the department
	assert unit_name(w.b.unit) in body and unit_name(w.department) in body
	assert unit_name(w.a.villages[1]) not in body  # not the county's to interview
	assert unit_name(other.b.unit) not in body and unit_name(other.department) not in body
	assert not reminders_to(w.extra["county_secretary"], COUNTY_REPORT)  # before 1 December
	# the county's staff with no membership hear what the county owes as well
	assert len(reminders_to(w.inspector, REMINDER)) == 1

	# the same week again: nothing; the next week: once more
	assert coverage_alerts.send_reminders(OCTOBER + timedelta(days=3)) == 0
	assert len(reminders_to(w.a.head, REMINDER)) == 1
	coverage_alerts.send_reminders(OCTOBER + timedelta(days=7))
	assert len(reminders_to(w.a.head, REMINDER)) == 2
	assert frappe.db.count("TD Coverage Reminder Log", {"user": w.a.head}) == 2


@pytest.mark.usefixtures("rollback_each_test")
def test_from_december_the_county_hears_of_the_levels_behind(world):
	w = world
	other = make_county_world()
	coverage_alerts.send_reminders(DECEMBER)
	[(subject, body)] = reminders_to(w.extra["county_secretary"], COUNTY_REPORT)
	# the county itself, A, B and the department are behind
	assert subject == "逐级约谈通报：本年度尚有4个约谈单位未完成约谈"
	assert "滞后层级：乡镇约谈村" in body and "滞后层级：县直部门约谈内设股室" in body
	assert unit_name(w.a.unit) in body and unit_name(w.b.unit) in body
	assert unit_name(other.a.unit) not in body
	# one mail for the week: the units the county owes are in the same mail
	assert not reminders_to(w.extra["county_secretary"], REMINDER)
	assert unit_name(w.department) in body
	# a township's heads keep hearing of their own units only
	[(subject, body)] = reminders_to(w.a.head, REMINDER)
	assert "滞后层级" not in body and "乙乡" not in body


def test_two_runs_at_once_send_each_reminder_once(world):
	"""Two workers run the weekly job at the same instant (each with its own connection, committed)."""
	w = world
	day = first_monday_from(date(YEAR, 11, 9))
	workers.at_once(lambda: coverage_alerts.send_reminders(day))
	week = coverage_alerts.iso_week(day)
	for person in (w.a.head, w.b.head, w.extra["county_secretary"]):
		assert frappe.db.count("TD Coverage Reminder Log", {"user": person, "week": week}) == 1
	subjects = [s for s, _body in reminders_to(w.a.head, REMINDER)]
	assert subjects == ["约谈提醒：本年度尚有2个单位未约谈"], subjects


def test_the_weekly_job_is_scheduled():
	assert (
		"twoduty_app.supervision.coverage_alerts.send_weekly"
		in frappe.get_hooks("scheduler_events")["weekly"]
	)


def test_a_fresh_week_key_per_iso_week():
	assert coverage_alerts.iso_week(date(2026, 12, 31)) == "2026-W53"
	assert coverage_alerts.iso_week(date(2027, 1, 4)) == "2027-W01"


def test_the_county_coverage_report_shows_the_posts_not_interviewed_first_a_page_at_a_time(
	world, monkeypatch
):
	"""年度约谈覆盖 on a province lists thousands of posts: the screen shows a page, the posts still to be
	interviewed first, says how many rows there are, and counts every row in its figures."""
	from twoduty_app.common import report_pages
	from twoduty_app.supervision.report.interview_coverage.interview_coverage import execute

	w = world
	monkeypatch.setattr(report_pages, "PAGE", 2)
	frappe.set_user(w.viewer)
	_columns, rows, message, _chart, summary = execute({"year": YEAR, "county": w.county})
	# the county's posts: both heads of A (interviewed), of B (the Party secretary only), of the department
	assert [(r["unit"], r["interviewed"]) for r in rows] == [(w.b.unit, False), (w.department, False)]
	assert rows[0]["position"] == v.DISCIPLINE_SECRETARY and rows[0]["interviewed_label"] == "Not Interviewed"
	assert "2" in message and "6" in message
	assert [s["value"] for s in summary] == [3, 3]
	# a page reaching the interviewed posts names the interviews each was covered by (read for the page)
	monkeypatch.setattr(report_pages, "PAGE", 6)
	rows = execute({"year": YEAR, "county": w.county})[1]
	held_of = {(r["unit"], r["position"]): r["interviews"] for r in rows if r["interviewed"]}
	a_interview = frappe.get_all(
		"TD Interview", filters={"unit": w.a.unit, "title": "甲乡年度约谈"}, pluck="name"
	)
	b_interview = frappe.get_all(
		"TD Interview", filters={"unit": w.b.unit, "title": "乙乡年度约谈"}, pluck="name"
	)
	assert held_of == {
		(w.a.unit, _(v.UNIT_HEAD)): a_interview[0],
		(w.a.unit, _(v.DISCIPLINE_SECRETARY)): a_interview[0],
		(w.b.unit, _(v.UNIT_HEAD)): b_interview[0],
	}, held_of
	assert all(not r["interviews"] for r in rows if not r["interviewed"])
