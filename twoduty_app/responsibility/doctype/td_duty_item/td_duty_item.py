# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class TDDutyItem(Document):
	def validate(self):
		types = [row.unit_type for row in self.applies_to]
		if len(types) != len(set(types)):
			frappe.throw(_("A unit type is listed twice."))
		if (self.weight or 0) < 0:
			frappe.throw(_("The weight cannot be negative."))

	def on_trash(self):
		if self.seed_key:
			frappe.throw(_("A standard duty cannot be deleted; disable it instead."))
