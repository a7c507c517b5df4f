# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDDeadlineChange(Document):
	pass
