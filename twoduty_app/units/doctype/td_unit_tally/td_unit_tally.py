# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class TDUnitTally(Document):
	"""Rows are written by `twoduty_app.services.tally` only (see there)."""


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
