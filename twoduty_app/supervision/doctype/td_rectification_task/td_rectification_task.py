# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow
from frappe.utils import getdate, now_datetime, today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import first_changed, save_as_system
from twoduty_app.common.inputs import check_field_values
from twoduty_app.common.print_helpers import next_document_number
from twoduty_app.common.settings import get_settings
from twoduty_app.common.workdays import CalendarUnknownError, due_soon_limit, get_calendar
from twoduty_app.exceptions import (
	EvidenceRemovalError,
	ExtensionError,
	InvalidDeadlineError,
	MissingEvidenceError,
	TaskLockedError,
	TaskPausedError,
)
from twoduty_app.permissions.roles import is_admin, is_county_staff, is_system_user
from twoduty_app.supervision import deadlines, notifications
from twoduty_app.supervision import task_states as ts
from twoduty_app.supervision.cycle import sync_source_status
from twoduty_app.supervision.supervising import resolve_supervising_unit, supervises
from twoduty_app.units import acting

# set by the county when issuing; unit people cannot change them
COUNTY_FIELDS = (
	"unit",
	"problem",
	"requirement",
	"rectification_kind",
	"issued_on",
	"deadline",
	"responsible_user",
)
# the roles that work a task at its unit's desk (a discipline secretary's write is only an issuer's)
WORKING_ROLES = frozenset((v.ROLE_UNIT_HEAD, v.ROLE_TEAM_MEMBER, v.ROLE_LIAISON))
# kept by the system (rechecks, escalation, transitions); nobody types them
SYSTEM_FIELDS = (
	"round", "failed_rechecks", "escalation_level", "reminded_round", "notice_round", "interview_round",
	"closed_on", "signed_by", "signed_on", "plan_approved_on", "source_doctype", "source_name", "returned",
	"plan_deadline", "paused", "paused_on", "pause_reason", "extensions", "notice_number", "revoke_reason",
	"case_round", "supervision_notice_number", "supervision_notice_on", "issuing_unit",
)  # fmt: skip
# system fields a new task is given before validation (round 1, its source, the unit issuing it)
NEW_TASK_FIELDS = ("round", "source_doctype", "source_name", "plan_deadline", "issuing_unit")
# system fields the county's import of an existing ledger brings along with each task's state
LEDGER_IMPORT_FIELDS = ("closed_on",)


class TDRectificationTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.supervision.doctype.td_task_progress.td_task_progress import TDTaskProgress

		closed_on: DF.Date | None
		deadline: DF.Date
		escalation_level: DF.Literal["", "Due Reminder", "Supervision Notice", "Interview Proposed"]
		failed_rechecks: DF.Int
		interview_round: DF.Int
		issued_on: DF.Date
		measures: DF.Text | None
		notice_round: DF.Int
		plan_approved_on: DF.Date | None
		problem: DF.SmallText
		progress: DF.Table[TDTaskProgress]
		rectification_kind: DF.Literal["Immediate", "Deadline", "Ongoing"]
		reminded_round: DF.Int
		requirement: DF.SmallText | None
		responsible_user: DF.Link | None
		returned: DF.Check
		revoke_reason: DF.SmallText | None
		round: DF.Int
		signed_by: DF.Link | None
		signed_on: DF.Datetime | None
		source_doctype: DF.Link | None
		source_name: DF.DynamicLink | None
		traffic_light: DF.Literal["", "On Track", "Due Soon", "Overdue"]
		unit: DF.Link
		unit_name: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		check_field_values(self)  # the dates proposed below are read before `before_validate` runs
		if not self.flags.from_source:
			self.source_doctype = self.source_name = None
		self.round = 1
		self.propose_deadlines()

	def onload(self):
		self.set_onload("working_days_left", deadlines.working_days_left(self.deadline))

	def propose_deadlines(self):
		"""An empty deadline comes from the kind's default period in working days; the plan's from the
		plan period (an immediate rectification needs no plan)."""
		settings = get_settings()
		issued_on = self.issued_on or today()
		if not self.deadline:
			self.deadline = deadlines.proposed_deadline(self.rectification_kind, issued_on, settings)
		if self.rectification_kind != v.IMMEDIATE:
			# the plan's due date is information: where the calendar does not hold the dates yet, none
			try:
				plan_due = deadlines.plan_deadline(issued_on, settings)
			except CalendarUnknownError:
				frappe.clear_last_message()
			else:
				self.plan_deadline = min(getdate(self.deadline), plan_due)

	def validate(self):
		before = self.get_doc_before_save()
		if not before:
			resolve_supervising_unit(self, "issuing_unit", acting=not self.flags.via_system)
		self.guard_final_states(before)
		self.guard_issuer_only_writer(before)
		self.guard_county_fields(before)
		self.guard_system_fields(before)
		self.guard_measures(before)
		self.guard_evidence(before)
		self.stamp_new_progress(before)
		self.guard_deadline_history(before)
		self.guard_suspended(before)
		self.validate_deadline()
		self.apply_transition_rules(before)
		self.set_traffic_light()

	def validate_workflow(self):
		# a recheck moves Pending Recheck → Closed / In Progress; it is not a workflow action anyone can take
		if self.flags.via_recheck:
			return
		if self.is_imported_ledger():
			self.validate_imported_state()
			return
		super().validate_workflow()

	def is_imported_ledger(self) -> bool:
		"""A task of an existing ledger arriving by Data Import in a state past Draft."""
		return bool(
			self.is_new()
			and frappe.flags.in_import
			and self.workflow_state
			and self.workflow_state != ts.DRAFT
		)

	def validate_imported_state(self):
		"""An existing ledger (整改台账) arrives in the state the county gives each task on import; a unit's
		import creates drafts only."""
		state = _(self.workflow_state)
		if not is_county_staff():
			frappe.throw(
				_(
					"Only the discipline commission can import a task in state {0}; a unit's import creates drafts."
				).format(frappe.bold(state)),
				frappe.PermissionError,
			)
		if self.workflow_state not in {row.state for row in get_workflow(self.doctype).states}:
			frappe.throw(
				_("{0} is not a state of a rectification task.").format(frappe.bold(state)), TaskLockedError
			)
		if self.workflow_state == ts.CLOSED and not self.closed_on:
			frappe.throw(_("A task imported as {0} needs its closing date.").format(frappe.bold(state)))
		if self.closed_on and self.workflow_state != ts.CLOSED:
			frappe.throw(
				_("Only a task imported as {0} has a closing date.").format(frappe.bold(_(ts.CLOSED)))
			)

	def on_update(self):
		before = self.get_doc_before_save()
		if before and before.workflow_state != self.workflow_state:
			if self.workflow_state == ts.ISSUED and not self.notice_number:
				# the rectification notice (整改通知书) gets its number when the task is issued
				self.db_set(
					"notice_number",
					next_document_number("rectification", getdate(self.issued_on).year, self.unit),
					update_modified=False,
				)
			if self.source_name:
				sync_source_status(self.source_doctype, self.source_name)
			notifications.task_moved(self, before.workflow_state)

	def on_trash(self):
		# once issued, a task is kept whoever asks (common.documents.refuse_deletion)
		if not is_admin():
			frappe.throw(_("Only the county administrator can delete a rectification task."), TaskLockedError)

	# guards -----------------------------------------------------------------------------------------

	def guard_final_states(self, before):
		if before and before.workflow_state in ts.FINAL_STATES and not is_admin():
			frappe.throw(
				_("Task {0} is {1} and can no longer be changed.").format(
					frappe.bold(self.name), _(before.workflow_state)
				),
				TaskLockedError,
				title=_("Task Locked"),
			)

	def issued_by_session_user(self, before=None) -> bool:
		"""The session user supervises this task: the county, or a head of the unit that issued it."""
		issuing_unit = (before or self).issuing_unit
		return supervises(frappe.session.user, self.unit, issuing_unit)

	def guard_issuer_only_writer(self, before):
		"""A discipline secretary changes a task only as its issuer (his role writes tasks so that he can
		issue his own unit's tasks to the units below, not to work another unit's rectification)."""
		if not before or self.flags.via_system or self.flags.via_recheck or is_county_staff():
			return
		roles = set(frappe.get_roles())
		if v.ROLE_DISCIPLINE_SECRETARY in roles and not roles & WORKING_ROLES:
			if not self.issued_by_session_user(before):
				frappe.throw(
					_("Only the issuing unit of task {0} can change it.").format(frappe.bold(self.name)),
					frappe.PermissionError,
				)

	def guard_county_fields(self, before):
		if not before or self.flags.via_recheck or self.issued_by_session_user(before):
			return
		if fieldname := first_changed(before, self, COUNTY_FIELDS):
			frappe.throw(
				_("{0} is set by the discipline commission and cannot be changed by the unit.").format(
					frappe.bold(_(self.meta.get_label(fieldname)))
				),
				TaskLockedError,
			)

	def guard_system_fields(self, before):
		if self.flags.via_recheck or self.flags.via_system:
			return
		# a new task starts in round 1 with no failed rechecks; its source is set by `before_insert`
		fields = SYSTEM_FIELDS if before else [f for f in SYSTEM_FIELDS if f not in NEW_TASK_FIELDS]
		if self.is_imported_ledger() and is_county_staff():
			# the closing date of a closed-out task of the county's ledger (checked with its state)
			fields = [f for f in fields if f not in LEDGER_IMPORT_FIELDS]
		if fieldname := first_changed(before, self, fields):
			frappe.throw(
				_("{0} is kept by the system and cannot be set by hand.").format(
					frappe.bold(_(self.meta.get_label(fieldname)))
				),
				TaskLockedError,
			)

	def guard_measures(self, before):
		if (
			before
			and before.workflow_state in ts.PLAN_LOCKED_STATES
			and (before.measures or "") != (self.measures or "")
		):
			frappe.throw(_("The measures are locked once the plan is approved."), TaskLockedError)

	def guard_evidence(self, before):
		if not before:
			return
		now = {row.name: row for row in self.progress if row.name}
		for old in before.progress:
			row = now.get(old.name)
			if not row or (row.evidence or "") != (old.evidence or "") or row.note != old.note:
				frappe.throw(
					_("Progress entries and their evidence cannot be changed or removed once saved."),
					EvidenceRemovalError,
					title=_("Evidence Locked"),
				)

	def update_child_table(self, fieldname: str, df=None):
		"""Saved progress entries never change (`guard_evidence`): a save writes only the new ones and any
		row whose values differ, not every entry again (a task's fiftieth entry costs what its first did)."""
		before = self.get_doc_before_save()
		saved = {row.name: row for row in before.progress} if before and fieldname == "progress" else {}
		if not saved or not saved.keys() <= {row.name for row in self.progress}:
			# a first entry, another table, or a saved entry gone (only where validation was skipped)
			return super().update_child_table(fieldname, df)
		fields = [df.fieldname for df in frappe.get_meta("TD Task Progress").fields] + ["idx"]
		for row in self.progress:
			old = saved.get(row.name)
			if old is None or any(row.get(f) != old.get(f) for f in fields):
				row.db_update()

	def stamp_new_progress(self, before):
		saved = {row.name for row in before.progress} if before else set()
		for row in self.progress:
			if row.name not in saved:
				if self.workflow_state in (ts.DRAFT, *ts.FINAL_STATES):
					frappe.throw(_("Progress can be entered only while the task is open at the unit."))
				row.user = frappe.session.user
				row.round = self.round or 1
				row.progress_date = row.progress_date or today()

	def validate_deadline(self):
		if self.deadline and self.issued_on and getdate(self.deadline) < getdate(self.issued_on):
			frappe.throw(
				_("The deadline {0} is before the issue date {1}.").format(
					frappe.bold(frappe.format(self.deadline, "Date")),
					frappe.bold(frappe.format(self.issued_on, "Date")),
				),
				InvalidDeadlineError,
				title=_("Invalid Deadline"),
			)

	# transitions ------------------------------------------------------------------------------------

	def apply_transition_rules(self, before):
		old = before.workflow_state if before else None
		new = self.workflow_state
		if not before or old == new:
			return
		self.check_acting_for_the_unit(old, new)
		if (
			(old, new) == (ts.DRAFT, ts.ISSUED)
			and not is_system_user()
			and not self.issued_by_session_user(before)
		):
			frappe.throw(
				_("Only the issuing unit of task {0} can issue it.").format(frappe.bold(self.name)),
				frappe.PermissionError,
			)
		if new == ts.PLAN_SUBMITTED and not (self.measures or "").strip():
			frappe.throw(_("Please describe the measures before submitting the plan."), MissingEvidenceError)
		if new == ts.IN_PROGRESS and old in (ts.PLAN_SUBMITTED, ts.ISSUED):
			self.plan_approved_on = today()
		if new == ts.REPORT_SUBMITTED and not self.has_evidence_this_round():
			frappe.throw(
				_("Add at least one progress entry with evidence before submitting the report."),
				MissingEvidenceError,
				title=_("Evidence Required"),
			)
		if new == ts.PENDING_RECHECK:
			self.signed_by = frappe.session.user
			self.signed_on = now_datetime()
		if new == ts.CANCELLED:
			self.revoke_reason = (self.revoke_reason or frappe.flags.twoduty_revoke_reason or "").strip()
			if not self.revoke_reason:
				frappe.throw(
					_("Please give the reason for revoking the task."),
					MissingEvidenceError,
					title=_("Reason for Revocation"),
				)
		self.returned = 1 if ts.is_return(old, new) else 0

	@frappe.whitelist()
	def revoke(self, reason: str):
		"""Revoke Task (撤销) with its reason, the only way out for a task once issued: the record stays."""
		from frappe.model.workflow import apply_workflow

		if not isinstance(reason, str) or not reason.strip():
			frappe.throw(_("Please give the reason for revoking the task."), MissingEvidenceError)
		frappe.flags.twoduty_revoke_reason = reason.strip()
		try:
			return apply_workflow(self.as_dict(), v.ACTION_CANCEL)
		finally:
			frappe.flags.twoduty_revoke_reason = None

	def check_acting_for_the_unit(self, old: str, new: str):
		"""Plans and reports are submitted by the liaison or head of the task's own unit, and approved,
		returned and signed off by that unit's head (or the deputy the head named), whatever the door."""
		if self.flags.via_recheck or is_system_user():
			return
		user = frappe.session.user
		if (old, new) in ts.DESK_MOVES and not acting.acts_at_desk(user, self.unit):
			frappe.throw(
				_("Only the liaison or the head of {0} can submit its plans and reports.").format(
					frappe.bold(self.unit_name or self.unit)
				),
				frappe.PermissionError,
			)
		if (old, new) in ts.HEAD_MOVES and not acting.acts_as_head(user, self.unit):
			frappe.throw(
				_(
					"Only the head of {0}, or the deputy the head named, can approve, return or sign off."
				).format(frappe.bold(self.unit_name or self.unit)),
				frappe.PermissionError,
			)

	def guard_deadline_history(self, before):
		"""The history of the deadline is written by the app alone."""
		if self.flags.via_system or self.flags.via_recheck:
			return
		old = [(r.name, str(r.new_deadline)) for r in before.deadline_changes] if before else []
		if old != [(r.name, str(r.new_deadline)) for r in self.deadline_changes]:
			frappe.throw(_("The deadline history is kept by the system."), TaskLockedError)

	def guard_suspended(self, before):
		if before and before.paused and before.workflow_state != self.workflow_state:
			frappe.throw(
				_("Task {0} is suspended; it moves again once the county resumes it.").format(
					frappe.bold(self.name)
				),
				TaskPausedError,
				title=_("Suspended"),
			)

	# deadline changes ---------------------------------------------------------------------------------

	@frappe.whitelist()
	def request_extension(self, new_deadline: str | date, reason: str) -> str:
		"""延期申请: the unit's liaison or head asks the county for a later deadline."""
		self.check_permission("read")
		if not acting.acts_at_desk(frappe.session.user, self.unit):
			frappe.throw(
				_("Only the liaison or the head of {0} can ask for an extension.").format(
					frappe.bold(self.unit_name or self.unit)
				),
				frappe.PermissionError,
			)
		if self.workflow_state not in ts.UNIT_TURN_STATES or self.paused:
			frappe.throw(
				_("An extension can be asked for only while the task is at the unit."), ExtensionError
			)
		if not (reason or "").strip():
			frappe.throw(_("Please give the reason for the extension."), ExtensionError)
		deadlines.check_new_deadline(self, new_deadline)
		if frappe.db.exists(
			"TD Extension Request", {"rectification_task": self.name, "status": v.EXTENSION_PENDING}
		):
			frappe.throw(
				_("An extension request of this task is already waiting for the county."), ExtensionError
			)
		settings = get_settings()
		if (self.extensions or 0) >= settings.max_extensions:
			frappe.throw(
				_("Task {0} has had the {1} extensions allowed.").format(
					frappe.bold(self.name), settings.max_extensions
				),
				ExtensionError,
			)
		request = frappe.get_doc(
			{
				"doctype": "TD Extension Request",
				"rectification_task": self.name,
				"current_deadline": self.deadline,
				"requested_deadline": new_deadline,
				"reason": reason.strip(),
				"requested_by": frappe.session.user,
			}
		).insert(ignore_permissions=True)
		notifications.extension_requested(self, request)
		return request.name

	def move_deadline(self, kind: str, new_deadline, reason: str | None = None) -> None:
		"""The county's change of the deadline in force (an approved extension, a resumption), kept in the
		history; the escalation steps already taken in this round are not taken again."""
		old = self.deadline
		self.deadline = getdate(new_deadline)
		deadlines.record_change(self, kind, old, self.deadline, reason)
		if kind == deadlines.EXTENSION:
			self.extensions = (self.extensions or 0) + 1
		save_as_system(self)

	@frappe.whitelist()
	def suspend(self, reason: str):
		"""中止: the county suspends the task (awaiting a ruling, a higher authority's reply); its working
		days stop counting until it resumes."""
		self.check_county_action()
		if self.paused or self.workflow_state not in ts.UNIT_TURN_STATES:
			frappe.throw(
				_("Only a task at the unit that is not suspended can be suspended."), TaskPausedError
			)
		if not (reason or "").strip():
			frappe.throw(_("Please give the reason for the suspension."), TaskPausedError)
		self.paused, self.paused_on, self.pause_reason = 1, today(), reason.strip()
		deadlines.record_change(self, deadlines.PAUSE, self.deadline, self.deadline, self.pause_reason)
		save_as_system(self)

	@frappe.whitelist()
	def resume(self):
		"""The suspension ends: the deadline moves by the working days the task spent suspended."""
		self.check_county_action()
		if not self.paused:
			frappe.throw(_("Task {0} is not suspended.").format(frappe.bold(self.name)), TaskPausedError)
		suspended = deadlines.suspended_working_days(self.paused_on)
		new_deadline = get_calendar().add(getdate(self.deadline), suspended)
		self.paused, self.paused_on = 0, None
		self.move_deadline(
			deadlines.RESUME,
			new_deadline,
			_("Suspended for {0} working days").format(suspended),
		)

	def check_county_action(self):
		self.check_permission("read")
		if not is_county_staff():
			frappe.throw(_("Only the county's discipline commission can do this."), frappe.PermissionError)

	def has_evidence_this_round(self) -> bool:
		return any(row.evidence and (row.round or 1) == (self.round or 1) for row in self.progress)

	def set_traffic_light(self):
		if self.paused:
			self.traffic_light = ""
			return
		day = getdate(today())
		self.traffic_light = ts.traffic_light(
			self.workflow_state,
			getdate(self.deadline) if self.deadline else None,
			day,
			due_soon_limit(day),
		)


# a unit's tasks by issue date (the tally's recompute, per-unit reports), covering every column they need
UNIT_YEAR_INDEX = "unit_issued_on_state_closed_deadline_index"


def on_doctype_update():
	# reports and cards by unit and period; escalation by state and deadline
	frappe.db.add_index(
		"TD Rectification Task",
		["unit", "issued_on", "workflow_state", "closed_on", "deadline"],
		UNIT_YEAR_INDEX,
	)
	frappe.db.add_index("TD Rectification Task", ["unit", "closed_on"])
	frappe.db.add_index("TD Rectification Task", ["workflow_state", "deadline"])
	# a year's tasks counted by state (the ledger's totals) from the index alone
	frappe.db.add_index("TD Rectification Task", ["issued_on", "workflow_state"])
