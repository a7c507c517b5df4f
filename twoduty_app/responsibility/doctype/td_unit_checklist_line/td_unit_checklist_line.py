# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDUnitChecklistLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		confirmed: DF.Check
		confirmed_by: DF.Link | None
		confirmed_on: DF.Date | None
		evidence: DF.Attach | None
		generated_chart: DF.Literal[
			"", "Duty List", "Duty Breakdown", "Supervision Flow", "Accountability Flow"
		]
		item_text: DF.SmallText | None
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rectification_task: DF.Link | None
		section: DF.Data | None
		status: DF.Literal["", "Met", "Not Met"]
		verdict: DF.Literal["", "Confirmed", "Overruled"]
		verdict_reason: DF.SmallText | None
	# end: auto-generated types
	pass
