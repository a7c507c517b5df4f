# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDDecisionAttendee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attendee_name: DF.Data | None
		opinion: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		person: DF.Link | None
		position: DF.Literal[
			"", "Unit Head", "Administrative Head", "Discipline Secretary", "Team Member", "Liaison"
		]
		present: DF.Check
		speaking_order: DF.Int

	# end: auto-generated types
	pass
