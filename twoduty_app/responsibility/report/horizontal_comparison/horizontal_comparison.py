# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""横向对比: townships against county departments, and government against party-and-mass against stationed units:
tasks, on-time close-out, duty-record coverage and interviews."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum

from twoduty_app.common import vocabulary as v
from twoduty_app.units.report_filters import (
	first_level_units,
	scoped_from,
)

GROUPS = [
	*(("unit_type", t) for t in v.FIRST_LEVEL_TYPES),
	*(("department_category", c) for c in v.DEPARTMENT_CATEGORIES),
]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	chart = {
		"data": {
			"labels": [r["group"] for r in rows],
			"datasets": [
				{"name": _("On-time Rate (%)"), "values": [r["on_time_rate"] for r in rows]},
				{"name": _("Duty Record Coverage (%)"), "values": [r["record_coverage"] for r in rows]},
			],
		},
		"type": "bar",
	}
	return columns(), rows, None, chart


def columns():
	return [
		{"fieldname": "group", "label": _("Group"), "fieldtype": "Data", "width": 160},
		{"fieldname": "units", "label": _("Units"), "fieldtype": "Int", "width": 70},
		{"fieldname": "tasks", "label": _("Tasks"), "fieldtype": "Int", "width": 80},
		{"fieldname": "closed", "label": _("Closed Out"), "fieldtype": "Int", "width": 80},
		{"fieldname": "on_time_rate", "label": _("On-time Rate (%)"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "record_coverage",
			"label": _("Duty Record Coverage (%)"),
			"fieldtype": "Percent",
			"width": 140,
		},
		{"fieldname": "interviews", "label": _("Interviews"), "fieldtype": "Int", "width": 90},
	]


def data(filters):
	year = int(filters.year or v.current_year())
	first = first_level_units(filters)
	per_unit = {u.name: frappe._dict(tasks=0, closed=0, on_time=0, records=0, interviews=0) for u in first}

	# per first-level unit, summed from one tally row per unit and year (units/tally.py) instead of
	# the year's raw tasks, interviews and duty records: a province's year is hundreds of thousands of rows
	query, Tally = scoped_from("TD Unit Tally", filters)
	rows = (
		query.select(
			Tally.first_level_unit,
			Sum(Tally.tasks_issued),
			Sum(Tally.tasks_closed),
			Sum(Tally.tasks_closed_on_time),
			Sum(Case().when(Tally.counted_records > 0, 1).else_(0)),
			Sum(Tally.interviews_held),
		)
		.where((Tally.year == year) & Tally.first_level_unit.isnotnull())
		.groupby(Tally.first_level_unit)
		.run()
	)
	for unit, tasks, closed, on_time, units_with_records, interviews in rows:
		if agg := per_unit.get(unit):
			agg.update(
				tasks=int(tasks),
				closed=int(closed),
				on_time=int(on_time),
				records=int(units_with_records),
				interviews=int(interviews),
			)

	rows = []
	for field, value in GROUPS:
		members = [u for u in first if u.get(field) == value]
		if not members:
			continue
		aggs = [per_unit[u.name] for u in members]
		closed = sum(a.closed for a in aggs)
		rows.append(
			{
				"group": _(value),
				"indent": 0 if field == "unit_type" else 1,
				"units": len(members),
				"tasks": sum(a.tasks for a in aggs),
				"closed": closed,
				"on_time_rate": round(100 * sum(a.on_time for a in aggs) / closed, 1) if closed else 0,
				"record_coverage": round(100 * sum(1 for a in aggs if a.records) / len(members), 1),
				"interviews": sum(a.interviews for a in aggs),
			}
		)
	return rows
