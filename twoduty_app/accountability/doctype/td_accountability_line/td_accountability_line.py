# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDAccountabilityLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		decided_handling: DF.Literal[
			"",
			"Criticism and Education",
			"Ordered Self-Examination",
			"Admonishment",
			"Circulated Criticism",
			"Organizational Adjustment",
			"Party Disciplinary Sanction",
			"Government Sanction",
			"Referred to Judicial Authorities",
			"No Accountability",
		]
		decision_date: DF.Date | None
		decision_number: DF.Data | None
		failure: DF.SmallText | None
		full_name: DF.Data | None
		line: DF.Literal["Principal Duty", "Supervisory Duty"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		person: DF.Link
		position: DF.Literal[
			"", "Unit Head", "Administrative Head", "Discipline Secretary", "Team Member", "Liaison"
		]
		proposed_handling: DF.Literal[
			"",
			"Criticism and Education",
			"Ordered Self-Examination",
			"Admonishment",
			"Circulated Criticism",
			"Organizational Adjustment",
			"Party Disciplinary Sanction",
			"Government Sanction",
			"Referred to Judicial Authorities",
			"No Accountability",
		]
		reason: DF.SmallText | None
	# end: auto-generated types
	pass
