# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDAssessmentTeamScore(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessor: DF.Link | None
		comment: DF.SmallText | None
		indicator_no: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		score: DF.Float
	# end: auto-generated types

	pass
