# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, nowdate

from twoduty_app.assessment.assessments import check_county_staff
from twoduty_app.assessment.schemes import closed_years
from twoduty_app.assessment.year_close import LOCKED_DOCTYPES, year_of
from twoduty_app.common import vocabulary as v
from twoduty_app.common.notify import notify
from twoduty_app.permissions.roles import users_with_role


class TDLateChange(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		decided_by: DF.Link | None
		decided_on: DF.Date | None
		decision_note: DF.SmallText | None
		reason: DF.SmallText | None
		record_doctype: DF.Literal[
			"", "TD Duty Record", "TD Unit Checklist", "TD Major Decision", "TD Education Activity"
		]
		record_name: DF.DynamicLink | None
		status: DF.Literal[
			"Late Change Requested", "Late Change Approved", "Late Change Refused", "Late Change Used"
		]
		unit: DF.Link | None
		unit_name: DF.Data | None
		used_on: DF.Datetime | None
		used_record: DF.Data | None
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		if self.record_doctype not in LOCKED_DOCTYPES:
			frappe.throw(
				_("{0} is not a record a closed year keeps.").format(frappe.bold(self.record_doctype))
			)
		if self.is_new():
			if cint(self.year) not in closed_years():
				frappe.throw(
					_("{0} is not closed: its records change without a late change.").format(self.year)
				)
			self.status = v.LATE_CHANGE_REQUESTED
			self.decided_by = self.decided_on = self.decision_note = None
			self.used_record = self.used_on = None
		elif not self.flags.twoduty_system_change:
			before = self.get_doc_before_save()
			if before.status != v.LATE_CHANGE_REQUESTED:
				frappe.throw(_("The county has decided on this request: it no longer changes."))
			for field in ("status", "decided_by", "decided_on", "decision_note", "used_record", "used_on"):
				self.set(field, before.get(field))
		if self.record_name:
			record = frappe.db.get_value(self.record_doctype, self.record_name, "*", as_dict=True)
			if not record:
				frappe.throw(
					_("{0} {1} not found.").format(_(self.record_doctype), frappe.bold(self.record_name))
				)
			record.doctype = self.record_doctype
			if record.unit != self.unit or year_of(record) != cint(self.year):
				frappe.throw(
					_("{0} is not a record of this unit and year.").format(frappe.bold(self.record_name))
				)

	def after_insert(self):
		"""The county's discipline commission hears of the request (its inspectors, members of no unit)."""
		notify(
			users_with_role(v.ROLE_INSPECTOR, unscoped_only=True),
			self.doctype,
			self.name,
			lambda lang: _("Late change requested by {0}: {1}", lang=lang).format(
				self.unit_name or self.unit, self.year
			),
			lambda lang: _("{0} {1}. Reason: {2}", lang=lang).format(
				_(self.record_doctype, lang=lang),
				self.record_name or _("a new record", lang=lang),
				self.reason,
			),
		)

	@frappe.whitelist()
	def approve(self, note: str | None = None):
		"""The county approves the late change (同意补录): it allows one save."""
		self._decide(v.LATE_CHANGE_APPROVED, note)

	@frappe.whitelist()
	def refuse(self, note: str | None = None):
		"""The county refuses it (不同意补录)."""
		self._decide(v.LATE_CHANGE_REFUSED, note)

	def _decide(self, status, note):
		check_county_staff()
		if self.status != v.LATE_CHANGE_REQUESTED:
			frappe.throw(_("The county has decided on this request: it no longer changes."))
		self.status, self.decision_note = status, (note or "").strip() or None
		self.decided_by, self.decided_on = frappe.session.user, getdate(nowdate())
		self.flags.twoduty_system_change = True
		self.flags.ignore_permissions = True
		self.save()
		approved = status == v.LATE_CHANGE_APPROVED
		notify(
			[self.owner],
			self.doctype,
			self.name,
			lambda lang: (
				_("Late change approved: {0}", lang=lang)
				if approved
				else _("Late change refused: {0}", lang=lang)
			).format(self.name),
			lambda lang: _("Record: {0} {1}. Decision note: {2}", lang=lang).format(
				_(self.record_doctype, lang=lang),
				self.record_name or _("a new record", lang=lang),
				self.decision_note or "",
			),
		)
