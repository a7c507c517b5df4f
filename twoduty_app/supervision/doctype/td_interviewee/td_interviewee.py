# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class TDInterviewee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		interviewee_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		position: DF.Literal[
			"", "Unit Head", "Administrative Head", "Discipline Secretary", "Team Member", "Liaison", "Other"
		]
		unit: DF.Link | None
		user: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update():
	# interview coverage reads interviewees by the unit and post they are named for (supervision/coverage.py)
	frappe.db.add_index("TD Interviewee", ["unit", "position"], "unit_position_index")
