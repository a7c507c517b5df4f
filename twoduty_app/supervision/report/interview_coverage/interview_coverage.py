# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""年度约谈覆盖: each first-level unit's head and discipline secretary, interviewed this year or not."""

import frappe
from frappe import _

from twoduty_app.common.report_columns import unit_columns
from twoduty_app.common.report_pages import first_page, first_page_message
from twoduty_app.supervision.coverage import coverage_for_reader


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = coverage_for_reader(filters.year, filters.county, filters.unit, filters.department_category)
	# the posts not yet interviewed first, in tree order; the screen shows a page, the export every row
	shown = first_page(sorted(rows, key=lambda r: r["interviewed"]))
	words: dict[str, str] = {}  # each unit type, post and label translated once

	def word(text: str) -> str:
		if text not in words:
			words[text] = _(text)
		return words[text]

	for row in shown:
		row["unit_type"] = word(row["unit_type"])
		row["position"] = word(row["position"])
		row["interviewed_label"] = word("Interviewed") if row["interviewed"] else word("Not Interviewed")
		row["interviews"] = ", ".join(row["interviews"])
	done = sum(1 for r in rows if r["interviewed"])
	chart = {
		"data": {
			"labels": [_("Interviewed"), _("Not Interviewed")],
			"datasets": [{"values": [done, len(rows) - done]}],
		},
		"type": "donut",
	}
	summary = [
		{"label": _("Interviewed"), "value": done, "indicator": "green"},
		{
			"label": _("Not Interviewed"),
			"value": len(rows) - done,
			"indicator": "red" if len(rows) - done else "green",
		},
	]
	return columns(), shown, first_page_message(len(shown), len(rows)), chart, summary


def columns():
	return [
		*unit_columns(),
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 140},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "interviewed_label", "label": _("Interviewed"), "fieldtype": "Data", "width": 80},
		{"fieldname": "interviews", "label": _("Interviews"), "fieldtype": "Data", "width": 200},
	]
