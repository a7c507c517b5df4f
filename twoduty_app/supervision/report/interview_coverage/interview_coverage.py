# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""年度约谈覆盖: each first-level unit's head and discipline secretary, interviewed this year or not."""

import frappe
from frappe import _

from twoduty_app.api.coverage import get_interview_coverage


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = get_interview_coverage(filters.year, filters.county)
	for row in rows:
		row["unit_type"] = _(row["unit_type"])
		row["position"] = _(row["position"])
		row["interviewed_label"] = _("Yes") if row["interviewed"] else _("No")
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
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "TD Unit", "width": 120},
		{"fieldname": "unit_name", "label": _("Unit Name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "unit_type", "label": _("Unit Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "position", "label": _("Position"), "fieldtype": "Data", "width": 140},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "interviewed_label", "label": _("Interviewed"), "fieldtype": "Data", "width": 80},
		{"fieldname": "interviews", "label": _("Interviews"), "fieldtype": "Data", "width": 200},
	]
