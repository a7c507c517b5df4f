"""Daily escalation of rectification tasks: reminder → supervision notice (督办) → interview proposal.

Set-based: one query finds the candidates of each step, one UPDATE per chunk marks them; a step
happens once per task and round (the *_round markers), so running the job twice sends nothing twice.
"""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import IfNull
from frappe.utils import add_days, getdate, nowdate

from twoduty_app.services import task_states as ts
from twoduty_app.services.notify import notify
from twoduty_app.services.units import contacts_for_units
from twoduty_app.supervision.doctype.td_settings.td_settings import get_settings

CHUNK = 1000
Task = frappe.qb.DocType("TD Rectification Task")


def run_daily(today: str | date | None = None) -> dict:
	"""Scheduler entry point (daily). Returns how many tasks each step touched."""
	settings = get_settings()
	today = getdate(today or nowdate())
	counts = {"lights": refresh_traffic_lights(today, settings.due_soon_days)}
	counts["reminders"] = send_reminders(today, settings)
	counts["notices"] = send_supervision_notices(today)
	counts["interviews"] = propose_interviews(today, settings)
	return counts


def refresh_traffic_lights(today: date, due_soon_days: int) -> int:
	"""Green/yellow/red for every open task, written only where it changed."""
	soon = today + timedelta(days=due_soon_days)
	lit = Task.workflow_state.isin(ts.LIT_STATES)
	rules = [
		(ts.OVERDUE, lit & (Task.deadline < today)),
		(ts.DUE_SOON, lit & (Task.deadline >= today) & (Task.deadline <= soon)),
		(ts.ON_TRACK, lit & (Task.deadline > soon)),
		("", Task.workflow_state.notin(ts.LIT_STATES)),
	]
	changed = 0
	for light, condition in rules:
		query = (
			frappe.qb.update(Task)
			.set(Task.traffic_light, light)
			.where(condition & (IfNull(Task.traffic_light, "") != light))
		)
		query.run()
		changed += frappe.db._cursor.rowcount if getattr(frappe.db, "_cursor", None) else 0
	return changed


def _candidates(condition) -> list[dict]:
	return (
		frappe.qb.from_(Task)
		.select(Task.name, Task.unit, Task.unit_name, Task.problem, Task.deadline, Task.round)
		.where(Task.workflow_state.isin(ts.UNIT_TURN_STATES) & condition)
		.orderby(Task.deadline)
		.run(as_dict=True)
	)


def _mark(names: list[str], marker, level: str) -> None:
	for i in range(0, len(names), CHUNK):
		chunk = names[i : i + CHUNK]
		frappe.qb.update(Task).set(marker, Task.round).set(Task.escalation_level, level).where(
			Task.name.isin(chunk)
		).run()


def send_reminders(today: date, settings) -> int:
	soon = today + timedelta(days=settings.due_soon_days)
	tasks = _candidates(
		(Task.deadline >= today) & (Task.deadline <= soon) & (IfNull(Task.reminded_round, 0) < Task.round)
	)
	contacts = contacts_for_units([t.unit for t in tasks], ("Liaison", "Unit Head"))
	for task in tasks:
		notify(
			contacts.get(task.unit, []),
			"TD Rectification Task",
			task.name,
			lambda lang, t=task: _("Rectification task {0} of {1} is due on {2}", lang=lang).format(
				t.name, t.unit_name, frappe.format(t.deadline, "Date")
			),
			lambda lang, t=task: _(
				"Problem: {0}. Please finish the rectification and report with evidence before the deadline.",
				lang=lang,
			).format(t.problem),
		)
	_mark([t.name for t in tasks], Task.reminded_round, "Due Reminder")
	return len(tasks)


def send_supervision_notices(today: date) -> int:
	tasks = _candidates((Task.deadline < today) & (IfNull(Task.notice_round, 0) < Task.round))
	contacts = contacts_for_units([t.unit for t in tasks], ("Unit Head", "Discipline Secretary"))
	for task in tasks:
		notify(
			contacts.get(task.unit, []),
			"TD Rectification Task",
			task.name,
			lambda lang, t=task: _(
				"Supervision notice: rectification task {0} of {1} is overdue", lang=lang
			).format(t.name, t.unit_name),
			lambda lang, t=task: _(
				"The deadline {0} has passed. Problem: {1}. Report the rectification at once; further delay leads to an interview.",
				lang=lang,
			).format(frappe.format(t.deadline, "Date"), t.problem),
		)
	_mark([t.name for t in tasks], Task.notice_round, "Supervision Notice")
	return len(tasks)


def propose_interviews(today: date, settings) -> int:
	long_overdue = today - timedelta(days=settings.interview_after_overdue_days)
	tasks = _candidates(
		((Task.deadline < long_overdue) | (Task.failed_rechecks >= settings.interview_after_failed_rechecks))
		& (IfNull(Task.interview_round, 0) < Task.round)
	)
	if not tasks:
		return 0
	heads = contacts_for_units([t.unit for t in tasks], ("Unit Head", "Discipline Secretary"))
	inspectors = county_inspectors()
	for task in tasks:
		interview = make_interview_proposal(task, heads.get(task.unit, []), today)
		notify(
			inspectors,
			"TD Rectification Task",
			task.name,
			lambda lang, t=task: _(
				"Interview proposed for {0}: task {1} is long overdue or failed recheck", lang=lang
			).format(t.unit_name, t.name),
			lambda lang, i=interview: _(
				"A draft interview {0} has been prepared for your review.", lang=lang
			).format(i),
		)
	_mark([t.name for t in tasks], Task.interview_round, "Interview Proposed")
	return len(tasks)


def make_interview_proposal(task, interviewees: list[str], today: date) -> str:
	people = [{"user": u, "unit": task.unit} for u in interviewees] or [
		{
			"interviewee_name": _("Head of {0}").format(task.unit_name),
			"unit": task.unit,
			"position": "Unit Head",
		}
	]
	interview = frappe.get_doc(
		{
			"doctype": "TD Interview",
			"title": _("Interview on overdue rectification: {0}").format(task.unit_name),
			"interview_kind": "Collective" if len(people) > 1 else "Individual",
			"interview_category": "Reminder",
			"unit": task.unit,
			"interview_date": add_days(today, 7),
			"proposed_for_task": task.name,
			"interviewees": people,
			"issues": [{"problem": task.problem, "unit": task.unit, "rectification_task": task.name}],
		}
	)
	interview.flags.via_system = True
	interview.insert(ignore_permissions=True)
	return interview.name


def county_inspectors() -> list[str]:
	"""Enabled inspectors who are not scoped to a unit (the county's own staff)."""
	HasRole = frappe.qb.DocType("Has Role")
	User = frappe.qb.DocType("User")
	Member = frappe.qb.DocType("TD Unit Member")
	scoped = frappe.qb.from_(Member).select(Member.user).where(Member.parenttype == "TD Unit")
	return (
		frappe.qb.from_(HasRole)
		.join(User)
		.on(HasRole.parent == User.name)
		.select(User.name)
		.distinct()
		.where(
			(HasRole.role == "TwoDuty Inspector")
			& (HasRole.parenttype == "User")
			& (User.enabled == 1)
			& User.name.notin(scoped)
		)
		.run(pluck=True)
	)
