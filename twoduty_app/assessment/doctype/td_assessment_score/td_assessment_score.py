# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDAssessmentScore(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		auto_score: DF.Float
		figures: DF.SmallText | None
		final_score: DF.Float
		indicator: DF.SmallText | None
		indicator_no: DF.Int
		method: DF.Literal[
			"Scored by the Team",
			"Duty Items Recorded",
			"Tasks Closed On Time",
			"Interview Coverage Met",
			"Checklist Lines Confirmed",
			"Decisions Without Flags",
			"Education Activities Held",
			"Deduction per Case Decided",
			"Deduction per Overdue Task",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		points: DF.Float
		section: DF.Data | None
		self_explanation: DF.SmallText | None
		self_score: DF.Float
		team_score: DF.Float
	# end: auto-generated types

	pass
