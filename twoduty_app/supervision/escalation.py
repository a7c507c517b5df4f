"""Daily escalation of rectification tasks: reminder → supervision notice (督办) → interview proposal →
accountability case proposal (问责).

`STEPS` is the one definition of the ladder: when each step is due (a query-builder condition), which
marker records that it happened in the task's current round, and the escalation level it leaves. The
daily job and the benchmark's data builder (`mark_as_of`) both read it. Set-based: one query finds the
candidates of a step, one UPDATE per chunk marks them; a step happens once per task and round, so running
the job twice sends nothing twice.

The last step proposes a draft accountability case to the county. Supervision does not import the
accountability domain (a peer on the same floor): the case is made by its doctype's name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.query_builder.builder import Base
from frappe.query_builder.functions import IfNull
from frappe.utils import add_days, escape_html, getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import written_date
from twoduty_app.common.notify import notify, user_languages
from twoduty_app.common.print_helpers import next_document_number
from twoduty_app.common.settings import get_settings
from twoduty_app.common.workdays import case_overdue_limit, due_soon_limit, long_overdue_limit
from twoduty_app.permissions.roles import users_with_role
from twoduty_app.units.lookups import contacts_for_units

# built without a site (Base.DocType is what frappe.qb.DocType calls), so that importing the module needs none
Task = Base.DocType("TD Rectification Task")
Interview = Base.DocType("TD Interview")
CASE_DOCTYPE = "TD Accountability Case"


@dataclass(frozen=True)
class Step:
	key: str
	marker: str  # the task field holding the round in which this step happened
	level: str  # the task's escalation level once it happened
	due: Callable[[date, frappe._dict], Criterion]  # (today, settings) -> condition on the task

	def pending(self, today: date, settings) -> Criterion:
		"""Tasks for which this step is due today and has not happened in their current round."""
		return (
			Task.workflow_state.isin(v.UNIT_TURN_STATES)
			& (IfNull(Task.paused, 0) == 0)
			& self.due(today, settings)
			& (IfNull(Task[self.marker], 0) < Task.round)
		)


def _due_soon(today: date, settings) -> Criterion:
	return (Task.deadline >= today) & (Task.deadline <= due_soon_limit(today, settings))


def _overdue(today: date, settings) -> Criterion:
	return Task.deadline < today


def _interview_due(today: date, settings) -> Criterion:
	long_overdue = long_overdue_limit(today, settings)
	return (Task.deadline < long_overdue) | (Task.failed_rechecks >= settings.interview_after_failed_rechecks)


def _case_due(today: date, settings) -> Criterion:
	"""Overdue past the third threshold, failed recheck the configured number of times, or a proposed
	interview of the task still not held (proposed or planned) that many days after it was proposed."""
	unheld_since = today - timedelta(days=settings.case_after_interview_unheld_days)
	# the few tasks with such a proposal, read first: as a subquery of the UPDATE that claims the step,
	# MariaDB re-ran it for every task of a province (minutes)
	unheld = (
		frappe.qb.from_(Interview)
		.select(Interview.proposed_for_task)
		.distinct()
		.where(
			Interview.proposed_for_task.isnotnull()
			& Interview.status.isin((v.PROPOSED, v.PLANNED))
			& (Interview.creation < unheld_since)
		)
		.run(pluck=True)
	)
	due = (Task.deadline < case_overdue_limit(today, settings)) | (
		Task.failed_rechecks >= settings.case_after_failed_rechecks
	)
	return due | Task.name.isin(unheld) if unheld else due


REMINDER = Step("reminder", "reminded_round", v.DUE_REMINDER, _due_soon)
NOTICE = Step("notice", "notice_round", v.SUPERVISION_NOTICE, _overdue)
INTERVIEW = Step("interview", "interview_round", v.INTERVIEW_PROPOSED, _interview_due)
CASE = Step("case", "case_round", v.CASE_PROPOSED, _case_due)
STEPS = (REMINDER, NOTICE, INTERVIEW, CASE)


def run_daily(today: str | date | None = None) -> dict:
	"""Scheduler entry point (daily). Returns how many tasks each step touched."""
	settings = get_settings()
	today = getdate(today or nowdate())
	counts = {"lights": refresh_traffic_lights(today, settings)}
	counts["reminders"] = send_reminders(today, settings)
	counts["notices"] = send_supervision_notices(today, settings)
	counts["interviews"] = propose_interviews(today, settings)
	counts["cases"] = propose_cases(today, settings)
	return counts


def mark_as_of(day: date, settings=None) -> None:
	"""Leave every task as if the daily job had run on `day` (markers and levels, nothing sent).

	For bulk-loaded data (the benchmark), so that a later run measures a normal day."""
	settings = settings or get_settings()
	for step in STEPS:
		frappe.qb.update(Task).set(Task[step.marker], Task.round).set(
			Task.escalation_level, step.level
		).where(step.pending(day, settings)).run()


def refresh_traffic_lights(today: date, settings) -> int:
	"""Green/yellow/red for every open task that is not suspended, written only where it changed."""
	soon = due_soon_limit(today, settings)
	lit = Task.workflow_state.isin(v.LIT_STATES) & (IfNull(Task.paused, 0) == 0)
	rules = [
		(v.OVERDUE, lit & (Task.deadline < today)),
		(v.DUE_SOON, lit & (Task.deadline >= today) & (Task.deadline <= soon)),
		(v.ON_TRACK, lit & (Task.deadline > soon)),
		("", Task.workflow_state.notin(v.LIT_STATES) | (Task.paused == 1)),
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


def _candidates(step: Step, today: date, settings) -> list[dict]:
	return (
		frappe.qb.from_(Task)
		.select(Task.name, Task.unit, Task.unit_name, Task.problem, Task.deadline, Task.round)
		.where(step.pending(today, settings))
		.orderby(Task.deadline)
		.run(as_dict=True)
	)


def _claim(step: Step, tasks: list[dict], today: date, settings) -> list[dict]:
	"""Marks the step done for the round on each task that still needs it and returns those this run
	marked. Each mark is an UPDATE whose condition is read at the latest committed version, row by row:
	a second run at the same time (two workers) waits for the first's rows and finds them done, so every
	step happens once."""
	claimed = []
	for task in tasks:
		frappe.qb.update(Task).set(Task[step.marker], Task.round).set(
			Task.escalation_level, step.level
		).where((Task.name == task.name) & step.pending(today, settings)).run()
		if frappe.db._cursor.rowcount:
			claimed.append(task)
	return claimed


def _escalate_to_units(
	step: Step, today: date, settings, positions: tuple[str, ...], subject, body, on_claimed=None
) -> int:
	"""Tell each candidate task's unit people in `positions` (or those of the nearest unit above that has
	them) and mark the step done for the round. `subject` and `body` take (task, language); `on_claimed`
	(task, today), if given, runs for each task this run claimed before anyone is told."""
	tasks = _claim(step, _candidates(step, today, settings), today, settings)
	contacts = contacts_for_units([t.unit for t in tasks], positions)
	for task in tasks:
		if on_claimed:
			on_claimed(task, today)
		notify(
			contacts.get(task.unit, []),
			"TD Rectification Task",
			task.name,
			lambda lang, t=task: subject(t, lang),
			lambda lang, t=task: body(t, lang),
		)
	return len(tasks)


def send_reminders(today: date, settings) -> int:
	return _escalate_to_units(
		REMINDER,
		today,
		settings,
		(v.LIAISON, v.UNIT_HEAD),
		lambda t, lang: _("Rectification task {0} of {1} is due on {2}", lang=lang).format(
			t.name, t.unit_name, written_date(t.deadline, lang)
		),
		lambda t, lang: _(
			"Problem: {0}. Please finish the rectification and report with evidence before the deadline.",
			lang=lang,
		).format(t.problem),
	)


def send_supervision_notices(today: date, settings) -> int:
	return _escalate_to_units(
		NOTICE,
		today,
		settings,
		(v.UNIT_HEAD, v.DISCIPLINE_SECRETARY),
		lambda t, lang: _("Supervision notice: rectification task {0} of {1} is overdue", lang=lang).format(
			t.name, t.unit_name
		),
		lambda t, lang: _(
			"The deadline {0} has passed. Problem: {1}. Report the rectification at once; further delay leads to an interview.",
			lang=lang,
		).format(written_date(t.deadline, lang), t.problem),
		on_claimed=number_supervision_notice,
	)


def number_supervision_notice(task, today: date) -> None:
	"""The supervision notice (督办通知书) of this round gets its 文号 and date: its print carries them."""
	task.supervision_notice_number = next_document_number("supervision", today.year, task.unit)
	frappe.qb.update(Task).set(Task.supervision_notice_number, task.supervision_notice_number).set(
		Task.supervision_notice_on, today
	).where(Task.name == task.name).run()


def propose_interviews(today: date, settings) -> int:
	tasks = _claim(INTERVIEW, _candidates(INTERVIEW, today, settings), today, settings)
	if not tasks:
		return 0
	heads = contacts_for_units([t.unit for t in tasks], (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY))
	inspectors = users_with_role(v.ROLE_INSPECTOR, unscoped_only=True)
	# the proposal is the inspectors' to read: written in their (first) language
	lang = next(iter(user_languages(inspectors).values()), None)
	for task in tasks:
		interview = make_interview_proposal(task, heads.get(task.unit, []), today, lang)
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
	return len(tasks)


def make_interview_proposal(task, interviewees: list[str], today: date, lang: str | None = None) -> str:
	"""A draft interview for the county to confirm, its words in `lang`: its readers' language (the job runs
	as the system, whose language is not theirs)."""
	lang = lang or frappe.db.get_default("lang") or "zh"
	people = [{"user": u, "unit": task.unit} for u in interviewees] or [
		{
			"interviewee_name": _("Head of {0}", lang=lang).format(task.unit_name),
			"unit": task.unit,
			"position": v.UNIT_HEAD,
		}
	]
	interview = frappe.get_doc(
		{
			"doctype": "TD Interview",
			"title": _("Interview on overdue rectification: {0}", lang=lang).format(task.unit_name),
			"interview_kind": v.COLLECTIVE if len(people) > 1 else v.INDIVIDUAL,
			"interview_category": v.INTERVIEW_CATEGORY_REMINDER,
			"status": v.PROPOSED,
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


def propose_cases(today: date, settings) -> int:
	"""The ladder's last step: a draft accountability case (trigger Escalation, the task as its source)
	proposed to the county once per task and round; the county's administrators and inspectors are told."""
	tasks = _claim(CASE, _candidates(CASE, today, settings), today, settings)
	if not tasks:
		return 0
	county = sorted(
		set(users_with_role(v.ROLE_ADMIN, unscoped_only=True))
		| set(users_with_role(v.ROLE_INSPECTOR, unscoped_only=True))
	)
	# the draft is the county's to read: written in its (first) language
	lang = next(iter(user_languages(county).values()), None)
	for task in tasks:
		case = make_case_proposal(task, today, lang)
		notify(
			county,
			CASE_DOCTYPE,
			case,
			lambda lang, t=task: _(
				"Accountability proposed for {0}: task {1} is still not rectified", lang=lang
			).format(t.unit_name, t.name),
			lambda lang, c=case, t=task: _(
				"A draft accountability case {0} on rectification task {1} has been prepared for your review. Problem: {2}.",
				lang=lang,
			).format(c, t.name, t.problem),
		)
	return len(tasks)


def make_case_proposal(task, today: date, lang: str | None = None) -> str:
	"""A draft case for the county to investigate, its words in `lang` (the job runs as the system). The
	date of the facts is the day the task fell overdue (today for a task still within its deadline, such
	as one failing its rechecks): the people who held the posts then answer for it."""
	lang = lang or frappe.db.get_default("lang") or "zh"
	deadline = getdate(task.deadline)
	facts_date = min(deadline + timedelta(days=1), today)
	case = frappe.get_doc(
		{
			"doctype": CASE_DOCTYPE,
			"unit": task.unit,
			"trigger": v.TRIGGER_ESCALATION,
			"facts_date": facts_date,
			"facts": _(
				"Rectification task {0} of {1}, due on {2}, has not been rectified despite the escalation. Problem: {3}",
				lang=lang,
			).format(
				task.name,
				escape_html(task.unit_name or ""),
				written_date(deadline, lang),
				escape_html(task.problem),
			),
			"sources": [{"source_doctype": "TD Rectification Task", "source_name": task.name}],
		}
	)
	case.insert(ignore_permissions=True)
	return case.name
