# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


# Rows are written by `twoduty_app.supervision.coverage_marks` only (see there).
class TDCoverageMark(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		interview: DF.Link | None
		interviewer_unit: DF.Data | None
		position: DF.Data | None
		unit: DF.Data | None
		year: DF.Int
	# end: auto-generated types


def on_doctype_update():
	# coverage asks "is this unit's post covered in this year by this interviewer": one index probe
	frappe.db.add_index(
		"TD Coverage Mark", ["unit", "year", "position", "interviewer_unit", "interview"], "covered"
	)
	# a refresh replaces the rows of some interviews
	frappe.db.add_index("TD Coverage Mark", ["interview"], "interview")
