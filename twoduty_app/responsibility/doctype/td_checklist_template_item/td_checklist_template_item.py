# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDChecklistTemplateItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		generated_chart: DF.Literal[
			"", "Duty List", "Duty Breakdown", "Supervision Flow", "Accountability Flow"
		]
		item_text: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		section: DF.Data | None
	# end: auto-generated types
	pass
