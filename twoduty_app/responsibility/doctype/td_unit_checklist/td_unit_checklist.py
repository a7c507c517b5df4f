# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.services.units import is_member_of_unit_or_ancestors

LOCKED_LINE_FIELDS = ("section", "item_text", "confirmed", "confirmed_by", "confirmed_on")


class TDUnitChecklist(Document):
	def before_insert(self):
		if not self.lines:
			template = frappe.get_doc("TD Checklist Template", self.template)
			for item in template.items:
				self.append("lines", {"section": item.section, "item_text": item.item_text})

	def validate(self):
		before = self.get_doc_before_save()
		if before and not self.flags.via_system:
			self.guard_lines(before)
		self.met_count = sum(1 for line in self.lines if line.status == "Met")
		self.confirmed_count = sum(1 for line in self.lines if line.confirmed)

	def guard_lines(self, before):
		"""The unit answers (met / not met, evidence, note); the list itself and confirmations are the county's."""
		old = {line.name: line for line in before.lines}
		if set(old) != {line.name for line in self.lines if line.name}:
			frappe.throw(_("The lines of a checklist come from its template and cannot be added or removed."))
		for line in self.lines:
			was = old.get(line.name)
			for fieldname in LOCKED_LINE_FIELDS:
				if str(was.get(fieldname) or "") != str(line.get(fieldname) or ""):
					frappe.throw(_("Row {0}: confirmation is the county inspector's.").format(line.idx))
			if was.confirmed and any(
				str(was.get(f) or "") != str(line.get(f) or "") for f in ("status", "evidence", "note")
			):
				frappe.throw(_("Row {0} is confirmed and can no longer be changed.").format(line.idx))

	@frappe.whitelist()
	def confirm(self, rows: list[str] | str | None = None):
		"""The county's inspector confirms the answered lines (all of them, or the rows named)."""
		self.check_permission("read")
		user = frappe.session.user
		if not is_county_staff(user) or is_member_of_unit_or_ancestors(user, self.unit):
			frappe.throw(
				_("Only a county inspector from outside the unit can confirm its checklist."),
				frappe.PermissionError,
			)
		wanted = set(frappe.parse_json(rows) if isinstance(rows, str) else rows or [])
		changed = 0
		for line in self.lines:
			if line.confirmed or not line.status or (wanted and line.name not in wanted):
				continue
			line.confirmed, line.confirmed_by, line.confirmed_on = 1, user, today()
			changed += 1
		if not changed:
			frappe.throw(_("No answered line is waiting for confirmation."))
		self.flags.via_system = True
		try:
			self.save(ignore_permissions=True)
		finally:
			self.flags.via_system = False
		return changed
