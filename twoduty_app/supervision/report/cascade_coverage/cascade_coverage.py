# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""逐级约谈覆盖: for each coverage rule (level) and each interviewing unit of the reader's branch, the units
it must interview this year, those interviewed and those still to be (supervision/coverage.py)."""

from collections import defaultdict

import frappe
from frappe import _

from twoduty_app.common import vocabulary as v
from twoduty_app.common.report_pages import first_page, first_page_message
from twoduty_app.supervision.coverage import (
	check_coverage_filters,
	coverage_by_interviewer,
	describe_level,
	first_owed,
)

# units named per row on screen; the others are counted
NAMED = 10


def execute(filters=None):
	filters = frappe._dict(filters or {})
	check_coverage_filters(filters.year, filters.county, filters.unit, filters.department_category)
	year = int(filters.year or v.current_year())
	cols = columns()
	rows = coverage_by_interviewer(year, filters, brief=True)
	shown = first_page(rows)
	first_of_rule = {}
	for row in rows:
		first_of_rule.setdefault(row["rule"], row)
	levels = {rule: describe_level(row) for rule, row in first_of_rule.items()}  # each rule in words, once
	names = (
		dict(
			frappe.get_all(
				"TD Unit",
				{"name": ("in", {r["interviewer"] for r in shown})},
				["name", "unit_name"],
				as_list=True,
			)
		)
		if shown
		else {}
	)
	behind = defaultdict(set)  # rule -> the interviewers of the rows shown that still owe interviews
	for row in shown:
		if row["missing"]:
			behind[row["rule"]].add(row["interviewer"])
	named = first_owed(year, behind, NAMED, filters)
	page, words = [], {}
	for row in shown:
		row["level"] = levels[row["rule"]]
		row["interviewer_name"] = names.get(row["interviewer"])
		row["rate"] = round(100 * row["done"] / row["owed"], 1) if row["owed"] else 100.0
		row["missing_units"] = _units_still_owed(row, named.get((row["rule"], row["interviewer"]), ()), words)
		page.append({column["fieldname"]: row[column["fieldname"]] for column in cols})
	return cols, page, first_page_message(len(page), len(rows)), chart(rows, levels), summary(rows)


def _units_still_owed(row, first, words: dict) -> str:
	"""The names of the first units the row's interviewer has not yet interviewed under its rule (`first`,
	see `coverage.first_owed`), and how many more there are. `words`: the page's translations, each string
	translated once for the page (a page names thousands of units)."""

	def word(text: str) -> str:
		if text not in words:
			words[text] = _(text)
		return words[text]

	pattern = word("{0}: {1} not yet interviewed")
	names = [
		pattern.format(name, "、".join(word(p) for p in missing)) if missing else name
		for name, missing in first
	]
	text = "、".join(names)
	if row["missing"] > NAMED:
		text += " " + word("and {0} more").format(row["missing"] - NAMED)
	return text


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


def chart(rows, levels: dict[int, str]) -> dict | None:
	"""Per level: units interviewed and still to be, over every row (not only the page shown)."""
	if not rows:
		return None
	totals: dict[int, list] = {}
	for row in rows:
		entry = totals.setdefault(row["rule"], [0, 0])
		entry[0] += row["done"]
		entry[1] += row["missing"]
	order = sorted(totals)
	return {
		"data": {
			"labels": [levels[r] for r in order],
			"datasets": [
				{"name": _("Interviewed"), "values": [totals[r][0] for r in order]},
				{"name": _("Not Interviewed"), "values": [totals[r][1] for r in order]},
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
