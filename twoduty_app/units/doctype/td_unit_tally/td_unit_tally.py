# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


# Rows are written by `twoduty_app.units.tally` only (see there).
class TDUnitTally(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		active_months: DF.Int
		closed_in_year: DF.Int
		closed_in_year_on_time: DF.Int
		counted_records: DF.Int
		first_level_unit: DF.Link | None
		interviews_held: DF.Int
		last_activity_on: DF.Date | None
		tasks_closed: DF.Int
		tasks_closed_on_time: DF.Int
		tasks_issued: DF.Int
		unit: DF.Link
		year: DF.Int
	# end: auto-generated types


# county-wide figures read one year's rows from this index alone (a year's rows are scattered in the
# table, which is ordered by name); `unit` is in it for the join that scopes a viewer to a branch
YEAR_INDEX_COLUMNS = [
	"year",
	"first_level_unit",
	"unit",
	"last_activity_on",
	"active_months",
	"tasks_issued",
	"tasks_closed",
	"tasks_closed_on_time",
	"closed_in_year",
	"closed_in_year_on_time",
	"interviews_held",
	"counted_records",
]


def on_doctype_update():
	frappe.db.add_index("TD Unit Tally", YEAR_INDEX_COLUMNS, "year_figures")
	frappe.db.add_unique("TD Unit Tally", ["unit", "year"], "unit_year")
