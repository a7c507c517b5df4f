"""Deadlines on the working calendar: the periods a task is given, the due-soon window and the escalation
thresholds, in working days where `TD Settings` says so, and the changes a deadline goes through
(extension, suspension, recheck) kept in the task's history."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import parse_date
from twoduty_app.common.settings import get_settings
from twoduty_app.common.workdays import CalendarUnknownError, due_soon_limit, get_calendar, long_overdue_limit

# the default period of each kind of rectification, in working days
PERIOD_SETTING = {
	v.IMMEDIATE: "immediate_working_days",
	v.DEADLINE: "deadline_working_days",
	v.ONGOING: "ongoing_working_days",
}

EXTENSION, PAUSE, RESUME, RECHECK = "Extension", "Pause", "Resume", "Recheck"


def proposed_deadline(kind: str, issued_on, settings=None) -> date:
	"""The deadline a task of `kind` issued on `issued_on` gets when none is set (raises when the working
	calendar does not hold the dates: a county enters next year's before deadlines reach into it)."""
	settings = settings or get_settings()
	return get_calendar().add(getdate(issued_on), settings[PERIOD_SETTING.get(kind, "deadline_working_days")])


def plan_deadline(issued_on, settings=None) -> date:
	settings = settings or get_settings()
	return get_calendar().add(getdate(issued_on), settings.plan_working_days)


def working_days_left(deadline, day=None) -> int | None:
	"""Working days from `day` (today) to the deadline; negative once overdue; None where the calendar
	does not hold the dates."""
	if not deadline:
		return None
	try:
		return get_calendar().between(getdate(day or today()), getdate(deadline))
	except CalendarUnknownError:
		frappe.clear_last_message()
		return None


def record_change(task, kind: str, old_deadline, new_deadline, reason: str | None = None) -> None:
	"""A row of the task's deadline history (the task is saved by the caller)."""
	task.append(
		"deadline_changes",
		{
			"change_date": today(),
			"change_kind": kind,
			"old_deadline": old_deadline,
			"new_deadline": new_deadline,
			"reason": reason,
			"changed_by": frappe.session.user,
		},
	)


def suspended_working_days(paused_on, day=None) -> int:
	"""Working days a task spent suspended: after the day it was suspended, up to `day` (today)."""
	return max(0, get_calendar().between(getdate(paused_on), getdate(day or today())))


def check_new_deadline(task, new_deadline) -> date:
	new_deadline = parse_date(new_deadline, "New Deadline")
	if new_deadline <= getdate(task.deadline):
		frappe.throw(
			_("The new deadline must be later than the deadline in force, {0}.").format(
				frappe.bold(frappe.format(task.deadline, "Date"))
			)
		)
	return new_deadline
