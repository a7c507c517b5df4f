# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDCoverageRule(Document):
	"""One yearly interview rule (逐级约谈): each unit of a level interviews the units of another level
	directly under it, or their posts, a number of times a year. Checked by `TD Settings`
	(supervision/coverage.py `check_rules`), read by supervision/coverage.py."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_head: DF.Check
		discipline_secretary: DF.Check
		interviewee_type: DF.Literal[
			"County",
			"Township",
			"County Department",
			"Village",
			"Community",
			"Grassroots Station",
			"Internal Section",
		]
		interviewer_type: DF.Literal[
			"County",
			"Township",
			"County Department",
			"Village",
			"Community",
			"Grassroots Station",
			"Internal Section",
		]
		min_interviews: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		unit_head: DF.Check
	# end: auto-generated types
	pass
