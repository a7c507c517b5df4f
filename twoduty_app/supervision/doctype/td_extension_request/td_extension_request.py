# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import save_as_system
from twoduty_app.exceptions import ExtensionError
from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.supervision import deadlines, notifications


class TDExtensionRequest(Document):
	"""延期申请: made by the unit through the task (`request_extension`), decided by the county."""

	def validate(self):
		if not self.flags.via_system and not self.is_new():
			frappe.throw(
				_("An extension request is decided with Approve or Refuse, not edited."), ExtensionError
			)

	@frappe.whitelist()
	def approve(self, comment: str | None = None):
		"""The deadline moves to the date asked for; both dates stay in the task's history."""
		task = self.decide(v.EXTENSION_APPROVED, comment)
		task.move_deadline(deadlines.EXTENSION, self.requested_deadline, self.reason)
		notifications.extension_decided(task, self)

	@frappe.whitelist()
	def refuse(self, comment: str):
		if not (comment or "").strip():
			frappe.throw(_("Please give the reason for refusing."), ExtensionError)
		task = self.decide(v.EXTENSION_REFUSED, comment)
		notifications.extension_decided(task, self)

	def decide(self, status: str, comment: str | None):
		self.check_permission("read")
		if not is_county_staff():
			frappe.throw(
				_("Only the county's discipline commission decides on an extension."), frappe.PermissionError
			)
		if self.status != v.EXTENSION_PENDING:
			frappe.throw(_("This extension request has already been decided."), ExtensionError)
		task = frappe.get_doc("TD Rectification Task", self.rectification_task)
		if status == v.EXTENSION_APPROVED:
			deadlines.check_new_deadline(task, self.requested_deadline)
		self.status = status
		self.decided_by, self.decided_on = frappe.session.user, today()
		self.decision_comment = (comment or "").strip()
		save_as_system(self)
		return task
