# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from twoduty_app.common.settings import FIELDS
from twoduty_app.supervision.coverage import check_month_day, check_rules


class TDSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.supervision.doctype.td_coverage_rule.td_coverage_rule import TDCoverageRule

		coverage_alert_from: DF.Data | None
		coverage_county_alert_on: DF.Data | None
		coverage_rules: DF.Table[TDCoverageRule]
		due_soon_days: DF.Int
		immediate_days: DF.Int
		interview_after_failed_rechecks: DF.Int
		interview_after_overdue_days: DF.Int
		major_decision_amount: DF.Currency

	# end: auto-generated types
	def validate(self):
		self.validate_numbers()
		self.validate_coverage()

	def validate_numbers(self):
		for fieldname in FIELDS:
			if (self.get(fieldname) or 0) < 1:
				frappe.throw(
					_("{0} must be at least 1.").format(frappe.bold(_(self.meta.get_label(fieldname))))
				)

	def validate_coverage(self):
		"""Reminder days read MM-DD; each coverage rule names a level and a level directly under it."""
		for fieldname in ("coverage_alert_from", "coverage_county_alert_on"):
			check_month_day(self.get(fieldname), _(self.meta.get_label(fieldname)))
		check_rules(self.get("coverage_rules") or [])
