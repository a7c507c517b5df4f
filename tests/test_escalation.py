"""Daily escalation: reminder → supervision notice → interview proposal, each once per task and round."""

from datetime import date

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests.factories import CountyWorld, make_county_world, make_task
from twoduty_app.supervision import task_states as ts
from twoduty_app.supervision.escalation import mark_as_of, run_daily

pytestmark = pytest.mark.usefixtures("rollback_each_test")


def save_settings(**values) -> None:
	settings = frappe.get_single("TD Settings")
	settings.update(values)
	settings.save()
	frappe.db.commit()


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	"""The ladder in calendar days, whatever today's date (test_calendar.py proves the working days)."""
	w = make_county_world(commit=True)
	frappe.set_user("Administrator")
	save_settings(
		due_soon_days=7,
		interview_after_overdue_days=30,
		interview_after_failed_rechecks=2,
		due_soon_in_working_days=0,
		overdue_in_working_days=0,
	)
	yield w
	frappe.set_user("Administrator")
	frappe.db.rollback()
	save_settings(due_soon_in_working_days=1, overdue_in_working_days=1)


# notifications a task had before the escalation job ran (e.g. "new task" to the unit when it was issued)
BEFORE_JOB: dict[str, set[str]] = {}


def notifications(task: str) -> list[dict]:
	"""What the escalation job has sent about the task."""
	rows = frappe.get_all(
		"Notification Log",
		{"document_type": "TD Rectification Task", "document_name": task},
		["name", "for_user", "subject", "email_content"],
	)
	return [r for r in rows if r.name not in BEFORE_JOB.get(task, set())]


def email_subject(raw: str) -> str:
	from email import message_from_string
	from email.header import decode_header, make_header

	return str(make_header(decode_header(message_from_string(raw)["Subject"])))


def emails_about(task: str) -> list[dict]:
	"""Email Queue rows about the task, one per recipient (those sent before the job excluded)."""
	Queue = frappe.qb.DocType("Email Queue")
	Recipient = frappe.qb.DocType("Email Queue Recipient")
	rows = (
		frappe.qb.from_(Queue)
		.join(Recipient)
		.on(Recipient.parent == Queue.name)
		.select(Queue.name, Queue.message, Recipient.recipient)
		.where((Queue.reference_doctype == "TD Rectification Task") & (Queue.reference_name == task))
		.run(as_dict=True)
	)
	return [r for r in rows if r.name not in BEFORE_JOB.get(task, set())]


def task_with_deadline(w: CountyWorld, unit: str, deadline_days: int) -> str:
	"""Issued `deadline_days` from today (negative: overdue), as an inspector would."""
	frappe.set_user(w.inspector)
	name = make_task(unit, deadline_days=40)
	frappe.set_user("Administrator")
	frappe.db.set_value("TD Rectification Task", name, "deadline", add_days(today(), deadline_days))
	BEFORE_JOB[name] = set(frappe.get_all("Notification Log", {"document_name": name}, pluck="name"))
	BEFORE_JOB[name] |= {e.name for e in emails_about(name)}
	return name


def test_traffic_light_rules():
	d, soon = date(2026, 6, 10), date(2026, 6, 17)
	assert ts.traffic_light("Rectifying", date(2026, 6, 9), d, soon) == "Overdue"
	assert ts.traffic_light("Rectifying", date(2026, 6, 10), d, soon) == "Due Soon"
	assert ts.traffic_light("Issued", date(2026, 6, 17), d, soon) == "Due Soon"
	assert ts.traffic_light("Issued", date(2026, 6, 18), d, soon) == "On Track"
	assert ts.traffic_light("Closed Out", date(2026, 6, 1), d, soon) == ""
	assert ts.traffic_light("Draft", date(2026, 6, 1), d, soon) == ""


def test_data_marked_as_of_a_day_is_what_the_job_leaves_that_day(world):
	"""The benchmark's builder marks bulk-loaded tasks with the job's own steps (`mark_as_of`): the job
	run on the same day then finds nothing left to do for them."""
	w = world
	tasks = [task_with_deadline(w, w.b.unit, days) for days in (3, -2, -45)]
	mark_as_of(getdate(today()))
	run_daily()
	assert all(notifications(t) == [] for t in tasks)
	assert [frappe.db.get_value("TD Rectification Task", t, "escalation_level") for t in tasks] == [
		"Due Reminder",
		"Supervision Notice",
		"Interview Proposed",
	]


def test_due_soon_task_reminds_liaison_and_head_once(world):
	w = world
	task = task_with_deadline(w, w.a.unit, 3)
	first = run_daily()
	sent = notifications(task)
	assert {n.for_user for n in sent} == {w.a.liaison, w.a.head}
	assert all("到期" in n.subject for n in sent), [n.subject for n in sent]
	assert frappe.db.get_value(
		"TD Rectification Task", task, ["traffic_light", "escalation_level", "reminded_round"]
	) == (
		"Due Soon",
		"Due Reminder",
		1,
	)
	assert first["reminders"] >= 1
	emails = emails_about(task)
	assert {e.recipient for e in emails} == {w.a.liaison, w.a.head}
	assert all("到期" in email_subject(e.message) for e in emails)
	run_daily()
	assert len(notifications(task)) == 2, "running the job twice must send nothing twice"


def test_village_task_reaches_the_township_when_the_village_has_nobody(world):
	w = world
	task = task_with_deadline(w, w.a.villages[1], 2)
	run_daily()
	assert {n.for_user for n in notifications(task)} == {w.a.liaison, w.a.head}


def test_overdue_task_gets_one_supervision_notice_to_head_and_secretary(world):
	w = world
	task = task_with_deadline(w, w.b.unit, -2)
	run_daily()
	sent = notifications(task)
	assert {n.for_user for n in sent} == {w.b.head, w.b.secretary}
	assert all("督办" in n.subject for n in sent)
	assert frappe.db.get_value("TD Rectification Task", task, "traffic_light") == "Overdue"
	run_daily()
	assert len(notifications(task)) == 2


def test_long_overdue_task_is_proposed_for_an_interview_once(world):
	w = world
	task = task_with_deadline(w, w.b.unit, -45)
	run_daily()
	proposals = frappe.get_all(
		"TD Interview", {"proposed_for_task": task}, ["name", "status", "unit", "interview_category"]
	)
	assert len(proposals) == 1
	assert (proposals[0].status, proposals[0].unit, proposals[0].interview_category) == (
		"Proposed",
		w.b.unit,
		"Reminder",
	)
	interviewees = frappe.get_all("TD Interviewee", {"parent": proposals[0].name}, pluck="user")
	assert set(interviewees) == {w.b.head, w.b.secretary}
	to_inspectors = [n for n in notifications(task) if n.for_user == w.inspector]
	assert len(to_inspectors) == 1 and "建议约谈" in to_inspectors[0].subject
	assert frappe.db.get_value("TD Rectification Task", task, "escalation_level") == "Interview Proposed"
	run_daily()
	assert frappe.db.count("TD Interview", {"proposed_for_task": task}) == 1


def test_two_failed_rechecks_propose_an_interview(world):
	w = world
	task = task_with_deadline(w, w.a.unit, 20)
	frappe.db.set_value(
		"TD Rectification Task", task, {"failed_rechecks": 2, "round": 3, "workflow_state": "Rectifying"}
	)
	run_daily()
	assert frappe.db.count("TD Interview", {"proposed_for_task": task}) == 1


def test_tasks_waiting_for_the_county_are_not_escalated(world):
	w = world
	task = task_with_deadline(w, w.a.unit, -40)
	frappe.db.set_value("TD Rectification Task", task, "workflow_state", "Pending Recheck")
	run_daily()
	assert notifications(task) == []
	assert frappe.db.get_value("TD Rectification Task", task, "traffic_light") == "Overdue"


def test_a_new_round_starts_the_ladder_again(world):
	w = world
	task = task_with_deadline(w, w.a.unit, 3)
	run_daily()
	assert len(notifications(task)) == 2
	frappe.db.set_value("TD Rectification Task", task, {"round": 2, "escalation_level": ""})
	run_daily()
	assert len(notifications(task)) == 4


def test_settings_reject_a_zero_window(world):
	frappe.set_user(world.admin)
	settings = frappe.get_single("TD Settings")
	settings.due_soon_days = 0
	with pytest.raises(frappe.ValidationError):
		settings.save()


def test_a_proposal_waits_for_the_county_and_raises_no_second_task(world):
	"""The escalation job proposes; nobody is summoned until the county confirms; holding the interview
	issues no second task for the problem it is about."""
	w = world
	task = task_with_deadline(w, w.b.unit, -45)
	run_daily()
	[name] = frappe.get_all("TD Interview", {"proposed_for_task": task}, pluck="name")
	interview = frappe.get_doc("TD Interview", name)
	assert interview.status == "Proposed"
	assert [row.rectification_task for row in interview.issues] == [task]
	assert frappe.get_all("Notification Log", {"document_type": "TD Interview", "document_name": name}) == []
	frappe.set_user(w.b.head)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Interview", name).confirm_plan()
	frappe.set_user(w.inspector)
	interview = frappe.get_doc("TD Interview", name)
	with pytest.raises(frappe.ValidationError):  # not confirmed yet: it cannot have been held
		interview.mark_held()
	interview.confirm_plan(place="县纪委三楼会议室")
	notices = frappe.get_all(
		"Notification Log", {"document_type": "TD Interview", "document_name": name}, pluck="for_user"
	)
	assert sorted(notices) == sorted([w.b.head, w.b.secretary])
	interview = frappe.get_doc("TD Interview", name)
	interview.interviewer = w.inspector
	interview.save()
	interview.mark_held()
	assert interview.create_rectification_tasks() == []
	assert frappe.db.count("TD Rectification Task", {"source_name": name}) == 0
	assert frappe.db.get_value("TD Interview", name, "status") == "Held"
