# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""纵向延伸: how far the work reaches down. Per township or department, the share of its villages, communities,
stations and sections with any duty record or task activity in the period."""

from datetime import date

import frappe
from frappe import _

from twoduty_app.services.periods import period_bounds
from twoduty_app.services.report_filters import (
	FirstLevelIndex,
	first_level_units,
	units_criterion,
	units_with_activity,
)
from twoduty_app.services.unit_rules import GRASSROOTS_TYPES


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	total = sum(r["grassroots_units"] for r in rows)
	active = sum(r["active_units"] for r in rows)
	summary = [
		{"label": _("Grassroots Units"), "value": total, "indicator": "blue"},
		{"label": _("With Activity"), "value": active, "indicator": "green"},
		{
			"label": _("No Activity"),
			"value": total - active,
			"indicator": "red" if total - active else "green",
		},
	]
	worst = sorted(rows, key=lambda r: r["reach"])[:20]
	chart = {
		"data": {
			"labels": [r["unit_name"] for r in worst],
			"datasets": [{"name": _("Reach (%)"), "values": [r["reach"] for r in worst]}],
		},
		"type": "bar",
	}
	return columns(), rows, None, chart, summary


def columns():
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "TD Unit", "width": 120},
		{"fieldname": "unit_name", "label": _("Unit Name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "unit_type", "label": _("Unit Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "grassroots_units", "label": _("Grassroots Units"), "fieldtype": "Int", "width": 110},
		{"fieldname": "active_units", "label": _("With Activity"), "fieldtype": "Int", "width": 100},
		{"fieldname": "reach", "label": _("Reach (%)"), "fieldtype": "Percent", "width": 100},
	]


def period(filters) -> tuple[date, date]:
	year = int(filters.year or frappe.utils.getdate().year)
	if filters.get("quarter"):
		return period_bounds(date(year, 3 * int(filters.quarter) - 1, 1), "Quarterly")
	return date(year, 1, 1), date(year, 12, 31)


def data(filters):
	start, end = period(filters)
	first = first_level_units(filters)
	index = FirstLevelIndex(first)
	Unit = frappe.qb.DocType("TD Unit")
	scope = units_criterion(Unit, filters)

	def scoped(query):
		return query.where(scope) if scope is not None else query

	grassroots = scoped(
		frappe.qb.from_(Unit).select(Unit.name, Unit.lft).where(Unit.unit_type.isin(GRASSROOTS_TYPES))
	).run()
	condition = Unit.unit_type.isin(GRASSROOTS_TYPES)
	active = units_with_activity(Unit, condition & scope if scope is not None else condition, start, end)
	counts = {u.name: [0, 0] for u in first}
	for name, lft in grassroots:
		if owner := index.owner(lft):
			counts[owner.name][0] += 1
			counts[owner.name][1] += 1 if name in active else 0
	return [
		{
			"unit": u.name,
			"unit_name": u.unit_name,
			"unit_type": _(u.unit_type),
			"grassroots_units": counts[u.name][0],
			"active_units": counts[u.name][1],
			"reach": round(100 * counts[u.name][1] / counts[u.name][0], 1) if counts[u.name][0] else 0,
		}
		for u in first
	]
