# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDAssessmentIndicator(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		indicator: DF.SmallText | None
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
		requirement: DF.SmallText | None
		scoring_guide: DF.SmallText | None
		section: DF.Data | None
		target: DF.Float
	# end: auto-generated types

	pass
