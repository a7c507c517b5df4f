# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class TDSettings(Document):
	def validate(self):
		for fieldname in ("due_soon_days", "interview_after_overdue_days", "interview_after_failed_rechecks"):
			if (self.get(fieldname) or 0) < 1:
				frappe.throw(
					_("{0} must be at least 1.").format(frappe.bold(_(self.meta.get_label(fieldname))))
				)


def get_settings():
	settings = frappe.get_cached_doc("TD Settings")
	return frappe._dict(
		due_soon_days=settings.due_soon_days or 7,
		interview_after_overdue_days=settings.interview_after_overdue_days or 30,
		interview_after_failed_rechecks=settings.interview_after_failed_rechecks or 2,
	)
