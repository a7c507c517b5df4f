# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""年度约谈覆盖: each first-level unit's head and discipline secretary, interviewed this year or not."""

import frappe
from frappe import _

from twoduty_app.common import report_pages
from twoduty_app.common import vocabulary as v
from twoduty_app.common.report_columns import unit_columns
from twoduty_app.common.report_pages import exporting, first_page_message
from twoduty_app.supervision.coverage import interview_coverage_page, readable_first_level_units


def execute(filters=None):
	filters = frappe._dict(filters or {})
	units = readable_first_level_units(
		filters.year, filters.county, filters.unit, filters.department_category
	)
	# the posts not yet interviewed first, in tree order; the screen shows a page, the export every row
	page = interview_coverage_page(
		int(filters.year or v.current_year()), units, None if exporting() else report_pages.PAGE
	)
	rows = page["rows"]
	words: dict[str, str] = {}  # each unit type, post and label translated once

	def word(text: str) -> str:
		if text not in words:
			words[text] = _(text)
		return words[text]

	for row in rows:
		row["unit_type"] = word(row["unit_type"])
		row["position"] = word(row["position"])
		row["interviewed_label"] = word("Interviewed") if row["interviewed"] else word("Not Interviewed")
		row["interviews"] = ", ".join(row["interviews"])
	done, missing = page["interviewed"], page["posts"] - page["interviewed"]
	chart = {
		"data": {
			"labels": [_("Interviewed"), _("Not Interviewed")],
			"datasets": [{"values": [done, missing]}],
		},
		"type": "donut",
	}
	summary = [
		{"label": _("Interviewed"), "value": done, "indicator": "green"},
		{"label": _("Not Interviewed"), "value": missing, "indicator": "red" if missing else "green"},
	]
	return columns(), rows, first_page_message(len(rows), page["posts"]), chart, summary


def columns():
	return [
		*unit_columns(),
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 140},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "interviewed_label", "label": _("Interviewed"), "fieldtype": "Data", "width": 80},
		{"fieldname": "interviews", "label": _("Interviews"), "fieldtype": "Data", "width": 200},
	]
