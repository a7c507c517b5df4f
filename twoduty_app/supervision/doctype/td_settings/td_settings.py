# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from twoduty_app.common.settings import FIELDS


class TDSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_soon_days: DF.Int
		immediate_days: DF.Int
		interview_after_failed_rechecks: DF.Int
		interview_after_overdue_days: DF.Int

	# end: auto-generated types
	def validate(self):
		for fieldname in FIELDS:
			if (self.get(fieldname) or 0) < 1:
				frappe.throw(
					_("{0} must be at least 1.").format(frappe.bold(_(self.meta.get_label(fieldname))))
				)
