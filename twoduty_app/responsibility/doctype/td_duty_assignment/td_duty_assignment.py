# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from twoduty_app.common.notify import notify
from twoduty_app.common.print_helpers import next_document_number
from twoduty_app.common.vocabulary import ROLE_ADMIN, SIGNED
from twoduty_app.exceptions import AssignmentLockedError
from twoduty_app.permissions.roles import is_admin, is_system_user, users_with_role
from twoduty_app.responsibility import assignments, charts
from twoduty_app.units import acting


class TDDutyAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.responsibility.doctype.td_duty_assignment_item.td_duty_assignment_item import (
			TDDutyAssignmentItem,
		)

		items: DF.Table[TDDutyAssignmentItem]
		progress: DF.Percent
		signed_by: DF.Link | None
		signed_on: DF.Datetime | None
		unit: DF.Link
		unit_name: DF.Data | None
		unit_type: DF.Data | None
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		self.guard_signed(before)
		self.guard_county_rows(before)
		self.validate_unique_year()
		if before and before.workflow_state != self.workflow_state and self.workflow_state == SIGNED:
			self.sign(before)
		assignments.refresh_progress(self)

	def on_update(self):
		# the unit's duty list and breakdown are drawn from these rows: its checklist lines follow
		charts.refresh_unit_checklists(self.unit, self.year)

	def guard_signed(self, before):
		if before and before.workflow_state == SIGNED and not is_system_user():
			frappe.throw(
				_("The duty assignment {0} is signed and locked.").format(frappe.bold(self.name)),
				AssignmentLockedError,
				title=_("Signed"),
			)

	def guard_county_rows(self, before):
		"""The duties and who carries them are the county's: the unit head signs, or sends the assignment
		back with a comment (`return_to_county`), but does not rewrite it."""
		if not before or is_admin():
			return
		if _rows(before) != _rows(self):
			frappe.throw(
				_(
					"The duties of an assignment are set by the county; sign it, or send it back with a comment."
				),
				AssignmentLockedError,
				title=_("Set by the County"),
			)

	@frappe.whitelist()
	def return_to_county(self, comment: str):
		"""The unit head asks the county to change the assignment before signing it."""
		self.check_permission("read")
		if not acting.holds_position(frappe.session.user, self.unit, acting.HEAD_POSITIONS):
			frappe.throw(
				_("Only the unit head of {0} can send its duty assignment back.").format(
					frappe.bold(self.unit_name)
				),
				frappe.PermissionError,
			)
		if self.workflow_state == SIGNED:
			frappe.throw(_("The duty assignment {0} is signed and locked.").format(frappe.bold(self.name)))
		if not (comment or "").strip():
			frappe.throw(_("Please say what should change."))
		self.add_comment("Comment", frappe.utils.escape_html(comment.strip()))  # typed as text, kept as text
		admins = users_with_role(ROLE_ADMIN, unscoped_only=True)
		notify(
			admins,
			self.doctype,
			self.name,
			lambda lang: _("{0} asks for changes to its duty assignment", lang=lang).format(self.unit_name),
			lambda lang: comment.strip(),
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
		is_head = acting.holds_position(user, self.unit, acting.HEAD_POSITIONS)
		if not is_head:
			frappe.throw(
				_("Only the unit head of {0} can sign its duty assignment.").format(
					frappe.bold(self.unit_name)
				),
				frappe.PermissionError,
			)
		self.signed_by = user
		self.signed_on = now_datetime()
		self.agreement_number = self.agreement_number or next_document_number(
			"agreement", self.year, self.unit
		)


# the fields of an assignment row that the county sets
COUNTY_ROW_FIELDS = ("duty_item", "responsible_user", "overseen_units")


def _rows(doc) -> list[tuple]:
	return [tuple(str(row.get(f) or "") for f in COUNTY_ROW_FIELDS) for row in doc.items]
