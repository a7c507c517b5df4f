# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDProblem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		deadline: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		problem: DF.SmallText
		rectification_kind: DF.Literal["Immediate", "Deadline", "Ongoing"]
		rectification_task: DF.Link | None
		requirement: DF.SmallText | None
		unit: DF.Link | None
	# end: auto-generated types
	pass
