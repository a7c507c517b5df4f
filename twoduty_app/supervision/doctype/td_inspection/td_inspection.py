# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from twoduty_app.supervision.problem_source import ProblemSource


class TDInspection(ProblemSource):
	problems_field = "findings"

	def validate(self):
		self.guard_status()
		self.guard_linked_tasks()
		if self.period_from and self.period_to and getdate(self.period_to) < getdate(self.period_from):
			frappe.throw(_("The inspection period ends before it starts."), title=_("Invalid Period"))
		self.validate_problem_deadlines(self.period_from, _("start of the inspection"))
