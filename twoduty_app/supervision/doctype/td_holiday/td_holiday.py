# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from twoduty_app.common.workdays import clear_calendar_cache


class TDHoliday(Document):
	def on_change(self):
		clear_calendar_cache()

	def on_trash(self):
		clear_calendar_cache()
