# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""逐级约谈覆盖: for each coverage rule (level) and each interviewing unit of the reader's branch, the units
it must interview this year, those interviewed and those still to be (supervision/coverage.py)."""

from collections import defaultdict

import frappe
from frappe import _

from twoduty_app.common import vocabulary as v
from twoduty_app.common.report_pages import PAGE, exporting, first_page_message
from twoduty_app.supervision.coverage import (
	check_coverage_filters,
	coverage_by_interviewer,
	describe_level,
	owed_units,
)

# units named per row on screen; the others are counted
NAMED = 10


def execute(filters=None):
	filters = frappe._dict(filters or {})
	check_coverage_filters(filters.year, filters.county, filters.unit, filters.department_category)
	year = int(filters.year or v.current_year())
	rows = coverage_by_interviewer(year, filters)
	shown = rows if exporting() else rows[:PAGE]
	still_owed = _units_still_owed(year, filters, shown)
	for row in shown:
		row["level"] = describe_level(row)
		row["rate"] = round(100 * row["done"] / row["owed"], 1) if row["owed"] else 100.0
		row["missing_units"] = still_owed.get((row["rule"], row["interviewer"]), "")
	return columns(), shown, first_page_message(len(shown), len(rows)), chart(rows), summary(rows)


def _units_still_owed(year, filters, rows) -> dict:
	"""(rule, interviewing unit) -> the names of the units it has not yet interviewed (the first few)."""
	if not rows:
		return {}
	owed = defaultdict(list)
	for unit in owed_units(year, {**filters, "interviewers": {r["interviewer"] for r in rows}}):
		owed[(unit["rule"], unit["interviewer"])].append(unit)
	named = {}
	for key, units in owed.items():
		names = [
			_("{0}: {1} not yet interviewed").format(
				u["unit_name"], "、".join(_(p) for p in u["missing_positions"])
			)
			if u["missing_positions"]
			else u["unit_name"]
			for u in units[:NAMED]
		]
		text = "、".join(names)
		if len(units) > NAMED:
			text += " " + _("and {0} more").format(len(units) - NAMED)
		named[key] = text
	return named


def columns():
	return [
		{"fieldname": "level", "label": _("Coverage Rule"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "interviewer",
			"label": _("Interviewing Unit"),
			"fieldtype": "Link",
			"options": "TD Unit",
			"width": 120,
		},
		{"fieldname": "interviewer_name", "label": _("Unit Name"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "min_interviews",
			"label": _("Interviews per Year (at Least)"),
			"fieldtype": "Int",
			"width": 90,
		},
		{"fieldname": "owed", "label": _("To Interview"), "fieldtype": "Int", "width": 80},
		{"fieldname": "done", "label": _("Interviewed"), "fieldtype": "Int", "width": 80},
		{"fieldname": "missing", "label": _("Not Interviewed"), "fieldtype": "Int", "width": 80},
		{"fieldname": "rate", "label": _("Coverage Rate"), "fieldtype": "Percent", "width": 90},
		{
			"fieldname": "missing_units",
			"label": _("Units Not Yet Interviewed"),
			"fieldtype": "Data",
			"width": 320,
		},
	]


def chart(rows) -> dict | None:
	"""Per level: units interviewed and still to be, over every row (not only the page shown)."""
	if not rows:
		return None
	levels: dict[int, list] = {}
	for row in rows:
		entry = levels.setdefault(row["rule"], [describe_level(row), 0, 0])
		entry[1] += row["done"]
		entry[2] += row["missing"]
	order = sorted(levels)
	return {
		"data": {
			"labels": [levels[r][0] for r in order],
			"datasets": [
				{"name": _("Interviewed"), "values": [levels[r][1] for r in order]},
				{"name": _("Not Interviewed"), "values": [levels[r][2] for r in order]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def summary(rows) -> list[dict]:
	owed = sum(r["owed"] for r in rows)
	done = sum(r["done"] for r in rows)
	return [
		{"label": _("To Interview"), "value": owed, "indicator": "blue"},
		{"label": _("Interviewed"), "value": done, "indicator": "green"},
		{"label": _("Not Interviewed"), "value": owed - done, "indicator": "red" if owed - done else "green"},
		{
			"label": _("Interviewing Units Behind"),
			"value": len({r["interviewer"] for r in rows if r["missing"]}),
			"indicator": "orange",
		},
	]
