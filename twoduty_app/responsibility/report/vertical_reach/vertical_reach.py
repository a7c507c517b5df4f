# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""纵向延伸: how far the work reaches down. Per township or department, the share of its villages, communities,
stations and sections with any duty record or task activity in the period."""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import quarter_bounds, year_bounds
from twoduty_app.common.report_columns import unit_columns
from twoduty_app.units.report_filters import first_level_units, scoped_from, units_criterion
from twoduty_app.units.tally import month_mask


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
		*unit_columns(),
		{"fieldname": "grassroots_units", "label": _("Grassroots Units"), "fieldtype": "Int", "width": 110},
		{"fieldname": "active_units", "label": _("With Activity"), "fieldtype": "Int", "width": 100},
		{"fieldname": "reach", "label": _("Reach (%)"), "fieldtype": "Percent", "width": 100},
	]


def period(filters) -> tuple[date, date]:
	year = int(filters.year or v.current_year())
	if filters.get("quarter"):
		return quarter_bounds(date(year, 3 * int(filters.quarter) - 1, 1))
	return year_bounds(year)


def data(filters):
	start, end = period(filters)
	first = first_level_units(filters)
	Unit = frappe.qb.DocType("TD Unit")
	# a grassroots unit's parent is its township or department (the tree is three levels deep)
	grassroots = (
		frappe.qb.from_(Unit)
		.select(Unit.parent_td_unit, Count("*"))
		.where(Unit.unit_type.isin(v.GRASSROOTS_TYPES))
		.groupby(Unit.parent_td_unit)
	)
	if (scope := units_criterion(Unit, filters)) is not None:
		grassroots = grassroots.where(scope)
	totals = dict(grassroots.run())
	# active: a duty record, or a task issued or closed, in a month of the period (units/tally.py)
	query, Tally = scoped_from("TD Unit Tally", filters)
	active = dict(
		query.select(Tally.first_level_unit, Count("*"))
		.where(
			(Tally.year == start.year)
			& Tally.first_level_unit.isnotnull()
			& (Tally.first_level_unit != Tally.unit)
			& (Tally.active_months.bitwiseand(month_mask(start, end)) != 0)
		)
		.groupby(Tally.first_level_unit)
		.run()
	)
	rows = []
	for u in first:
		total, reached = totals.get(u.name, 0), active.get(u.name, 0)
		rows.append(
			{
				"unit": u.name,
				"unit_name": u.unit_name,
				"unit_type": _(u.unit_type),
				"grassroots_units": total,
				"active_units": reached,
				"reach": round(100 * reached / total, 1) if total else 0,
			}
		)
	return rows
