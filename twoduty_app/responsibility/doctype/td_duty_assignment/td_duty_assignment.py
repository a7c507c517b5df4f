# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from twoduty_app.exceptions import AssignmentLockedError
from twoduty_app.services import duty

SIGNED = "Signed"


class TDDutyAssignment(Document):
	def validate(self):
		before = self.get_doc_before_save()
		self.guard_signed(before)
		self.validate_unique_year()
		if before and before.workflow_state != self.workflow_state and self.workflow_state == SIGNED:
			self.sign(before)
		duty.refresh_progress(self)

	def guard_signed(self, before):
		if before and before.workflow_state == SIGNED and frappe.session.user != "Administrator":
			frappe.throw(
				_("The duty assignment {0} is signed and locked.").format(frappe.bold(self.name)),
				AssignmentLockedError,
				title=_("Signed"),
			)

	def validate_unique_year(self):
		if self.is_new() and frappe.db.exists("TD Duty Assignment", {"unit": self.unit, "year": self.year}):
			frappe.throw(
				_("{0} already has a duty assignment for {1}.").format(
					frappe.bold(self.unit_name or self.unit), self.year
				),
				frappe.DuplicateEntryError,
			)

	def sign(self, before):
		"""Signing (责任书签订) is the unit head's own act: the head of this very unit."""
		user = frappe.session.user
		is_head = frappe.db.exists(
			"TD Unit Member",
			{"parent": self.unit, "parenttype": "TD Unit", "user": user, "position": "Unit Head"},
		)
		if not is_head:
			frappe.throw(
				_("Only the unit head of {0} can sign its duty assignment.").format(
					frappe.bold(self.unit_name)
				),
				frappe.PermissionError,
			)
		self.signed_by = user
		self.signed_on = now_datetime()
