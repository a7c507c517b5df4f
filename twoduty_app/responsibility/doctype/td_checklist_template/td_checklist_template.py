# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class TDChecklistTemplate(Document):
	def on_trash(self):
		if self.seed_key:
			frappe.throw(_("A standard checklist template cannot be deleted; disable it instead."))
