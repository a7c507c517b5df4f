# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""年度约谈覆盖: each first-level unit's head and discipline secretary, interviewed this year or not."""

import frappe
from frappe import _

from twoduty_app.common.report_columns import unit_columns
from twoduty_app.supervision.coverage import coverage_for_reader


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = coverage_for_reader(filters.year, filters.county, filters.unit, filters.department_category)
	for row in rows:
		row["unit_type"] = _(row["unit_type"])
		row["position"] = _(row["position"])
		row["interviewed_label"] = _("Interviewed") if row["interviewed"] else _("Not Interviewed")
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
	return columns(), rows, None, chart, summary


def columns():
	return [
		*unit_columns(),
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 140},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "interviewed_label", "label": _("Interviewed"), "fieldtype": "Data", "width": 80},
		{"fieldname": "interviews", "label": _("Interviews"), "fieldtype": "Data", "width": 200},
	]
