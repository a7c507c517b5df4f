"""Who hears about what in the cycle (in-app and by email, each in his or her language)."""

import frappe
from frappe import _

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import written_date
from twoduty_app.common.notify import notify
from twoduty_app.permissions.roles import users_with_role
from twoduty_app.supervision import task_states as ts
from twoduty_app.units.lookups import contacts_for_units

UNIT_DESK = (v.LIAISON, v.UNIT_HEAD)


def _unit_people(unit: str, positions=UNIT_DESK) -> list[str]:
	return contacts_for_units([unit], positions).get(unit, [])


def _date(value, lang: str = "zh") -> str:
	return written_date(value, lang)


def task_moved(task, old_state: str) -> None:
	new_state = task.workflow_state
	if old_state == ts.DRAFT and new_state == ts.ISSUED:
		notify(
			_unit_people(task.unit),
			task.doctype,
			task.name,
			lambda lang: _("New rectification task {0} for {1}", lang=lang).format(task.name, task.unit_name),
			lambda lang: _("Problem: {0}. Deadline: {1}.", lang=lang).format(
				task.problem, _date(task.deadline, lang)
			),
		)
	elif ts.is_return(old_state, new_state):
		what = "plan" if old_state == ts.PLAN_SUBMITTED else "report"
		notify(
			_unit_people(task.unit, (v.LIAISON,)),
			task.doctype,
			task.name,
			(lambda lang: _("The rectification plan of task {0} was returned", lang=lang).format(task.name))
			if what == "plan"
			else (
				lambda lang: _("The rectification report of task {0} was returned", lang=lang).format(
					task.name
				)
			),
			lambda lang: _("Please revise it and submit it again before {0}.", lang=lang).format(
				_date(task.deadline, lang)
			),
		)


def rechecked(recheck) -> None:
	task = frappe.get_doc("TD Rectification Task", recheck.rectification_task)
	if recheck.result == v.PASS:
		subject = lambda lang: _("Task {0} passed its recheck and is closed", lang=lang).format(task.name)  # noqa: E731
		body = lambda lang: _("Rechecked on {0}: {1}", lang=lang).format(  # noqa: E731
			_date(recheck.recheck_date, lang), recheck.findings or ""
		)
	else:
		subject = lambda lang: _("Task {0} failed its recheck", lang=lang).format(task.name)  # noqa: E731
		body = lambda lang: _("Findings: {0}. New deadline: {1}.", lang=lang).format(  # noqa: E731
			recheck.findings or "", _date(recheck.new_deadline, lang)
		)
	people = _unit_people(task.unit, (v.LIAISON, v.UNIT_HEAD, v.DISCIPLINE_SECRETARY))
	notify(people, task.doctype, task.name, subject, body)


def interview_announced(interview) -> None:
	notify(
		[row.user for row in interview.interviewees if row.user],
		interview.doctype,
		interview.name,
		lambda lang: _("Interview notice: {0}", lang=lang).format(interview.title),
		lambda lang: (
			_("Please attend the interview at {1} on {0}.", lang=lang).format(
				_date(interview.interview_date, lang), interview.place
			)
			if interview.place
			else _("Please attend the interview on {0}; the place will be announced.", lang=lang).format(
				_date(interview.interview_date, lang)
			)
		),
	)


def extension_requested(task, request) -> None:
	"""The county's staff hear of a unit's request for more time."""
	notify(
		[
			*users_with_role(v.ROLE_INSPECTOR, unscoped_only=True),
			*users_with_role(v.ROLE_ADMIN, unscoped_only=True),
		],
		request.doctype,
		request.name,
		lambda lang: _("{0} asks to extend task {1}", lang=lang).format(task.unit_name, task.name),
		lambda lang: _("From {0} to {1}. Reason: {2}", lang=lang).format(
			_date(request.current_deadline, lang), _date(request.requested_deadline, lang), request.reason
		),
	)


def extension_decided(task, request) -> None:
	"""The unit hears the county's decision."""
	approved = request.status == v.EXTENSION_APPROVED
	notify(
		{request.requested_by, *_unit_people(task.unit)},
		task.doctype,
		task.name,
		(lambda lang: _("The extension of task {0} was approved", lang=lang).format(task.name))
		if approved
		else (lambda lang: _("The extension of task {0} was refused", lang=lang).format(task.name)),
		lambda lang: _("Deadline: {0}. {1}", lang=lang).format(
			_date(task.deadline, lang), request.decision_comment or ""
		),
	)
