# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from twoduty_app.supervision.problem_source import ProblemSource


class TDInspection(ProblemSource):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.supervision.doctype.td_concerned_unit.td_concerned_unit import TDConcernedUnit
		from twoduty_app.supervision.doctype.td_inspection_inspector.td_inspection_inspector import (
			TDInspectionInspector,
		)
		from twoduty_app.supervision.doctype.td_problem.td_problem import TDProblem

		concerned_units: DF.Table[TDConcernedUnit]
		findings: DF.Table[TDProblem]
		inspection_kind: DF.Literal[
			"Routine Inspection", "Special Inspection", "Self Review", "Acceptance Inspection"
		]
		inspectors: DF.TableMultiSelect[TDInspectionInspector]
		period_from: DF.Date
		period_to: DF.Date
		status: DF.Literal["Recorded", "Following Up", "Closed"]
		summary: DF.TextEditor | None
		title: DF.Data
		unit: DF.Link
		unit_name: DF.Data | None
	# end: auto-generated types
	supervising_field = "inspecting_unit"
	problems_field = "findings"

	def validate(self):
		self.validate_supervising_unit()
		self.guard_status()
		self.guard_linked_tasks()
		if self.period_from and self.period_to and getdate(self.period_to) < getdate(self.period_from):
			frappe.throw(_("The inspection period ends before it starts."), title=_("Invalid Period"))
		self.validate_problem_deadlines(self.period_from, _("start of the inspection"))
