# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from twoduty_app.common.print_helpers import next_document_number
from twoduty_app.common.vocabulary import FAIL, PASS, RECHECKER_ROLES
from twoduty_app.exceptions import (
	InvalidDeadlineError,
	RecheckerNotAllowedError,
	RecheckNotAllowedError,
	SelfRecheckError,
)
from twoduty_app.permissions.roles import has_any_role, is_system_user
from twoduty_app.permissions.unit_scope import headed_units
from twoduty_app.supervision import notifications
from twoduty_app.supervision import task_states as ts
from twoduty_app.supervision.deadlines import RECHECK, record_change
from twoduty_app.units.lookups import is_member_of_unit_or_ancestors


def rechecks_as_issuer(user: str, task) -> bool:
	"""逐级复查: a task a unit issued to a unit below it is rechecked by the issuing unit's Party secretary or
	discipline secretary (never by someone of the task's own unit)."""
	return bool(
		task.issuing_unit
		and task.issuing_unit != task.unit
		and task.issuing_unit in headed_units(user)
		and not frappe.db.exists(
			"TD Unit Member", {"parenttype": "TD Unit", "parent": task.unit, "user": user, "is_current": 1}
		)
	)


class TDRecheck(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		evidence: DF.Attach | None
		findings: DF.SmallText | None
		new_deadline: DF.Date | None
		recheck_date: DF.Date
		rechecker: DF.Link
		rectification_task: DF.Link
		result: DF.Literal["", "Pass", "Fail"]
		round: DF.Int
		unit: DF.Link | None
	# end: auto-generated types

	def validate(self):
		task = self.get_task()
		self.unit = task.unit
		self.round = task.round
		self.validate_rechecker(task)
		self.validate_task_is_pending(task)
		self.validate_result()

	def before_submit(self):
		task = self.get_task()
		self.validate_task_is_pending(task)
		self.validate_rechecker(task)
		self.validate_one_per_round()

	def on_submit(self):
		self.db_set(
			"closeout_number",
			next_document_number("closeout", getdate(self.recheck_date).year, self.unit),
			update_modified=False,
		)
		self.apply_to_task()
		notifications.rechecked(self)

	def before_cancel(self):
		frappe.throw(
			_("A submitted recheck is part of the record and cannot be cancelled."), RecheckNotAllowedError
		)

	def get_task(self):
		return frappe.get_doc("TD Rectification Task", self.rectification_task)

	def validate_task_is_pending(self, task):
		if task.workflow_state != ts.PENDING_RECHECK:
			frappe.throw(
				_("Task {0} is {1}; only a task pending recheck can be rechecked.").format(
					frappe.bold(task.name), _(task.workflow_state)
				),
				RecheckNotAllowedError,
				title=_("Not Pending Recheck"),
			)

	def validate_rechecker(self, task):
		user = frappe.session.user
		if self.rechecker != user and not is_system_user(user):
			frappe.throw(_("You can record only your own recheck."), RecheckNotAllowedError)
		if rechecks_as_issuer(self.rechecker, task):
			return
		if not has_any_role(RECHECKER_ROLES, self.rechecker):
			frappe.throw(
				_(
					"Only the county's inspectors, or the heads of the unit that issued the task, can recheck it."
				),
				RecheckerNotAllowedError,
			)
		if is_member_of_unit_or_ancestors(self.rechecker, task.unit):
			frappe.throw(
				_("{0} belongs to the task's unit and cannot recheck its own rectification.").format(
					frappe.bold(self.rechecker)
				),
				SelfRecheckError,
				title=_("Recheck From Outside the Unit"),
			)

	def validate_result(self):
		if self.result == FAIL:
			if not self.new_deadline:
				frappe.throw(_("A failed recheck needs a new deadline."), InvalidDeadlineError)
			if getdate(self.new_deadline) <= getdate(self.recheck_date):
				frappe.throw(_("The new deadline must be after the recheck date."), InvalidDeadlineError)
		elif self.result == PASS:
			self.new_deadline = None

	def validate_one_per_round(self):
		if frappe.db.exists(
			"TD Recheck",
			{
				"rectification_task": self.rectification_task,
				"round": self.round,
				"docstatus": 1,
				"name": ("!=", self.name),
			},
		):
			frappe.throw(_("This round of the task has already been rechecked."), RecheckNotAllowedError)

	def apply_to_task(self):
		task = self.get_task()
		task.flags.via_recheck = True
		if self.result == PASS:
			task.workflow_state = ts.CLOSED
			task.closed_on = self.recheck_date
		else:
			task.workflow_state = ts.IN_PROGRESS
			record_change(task, RECHECK, task.deadline, self.new_deadline, self.findings)
			task.deadline = self.new_deadline
			task.round = (task.round or 1) + 1
			task.failed_rechecks = (task.failed_rechecks or 0) + 1
			task.escalation_level = ""
		task.save(ignore_permissions=True)
		task.add_comment(
			"Workflow",
			_("Recheck {0}: {1}").format(self.name, _(self.result)),
		)
