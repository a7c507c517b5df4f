# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDDutyAssignmentItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		duty_item: DF.Link
		duty_layer: DF.Data | None
		frequency: DF.Data | None
		item_name: DF.Data | None
		overseen_units: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		period_due: DF.Date | None
		recorded_in_period: DF.Check
		responsible_user: DF.Link | None
		traffic_light: DF.Literal["", "On Track", "Due Soon", "Overdue"]
		weight: DF.Float
	# end: auto-generated types
	pass
