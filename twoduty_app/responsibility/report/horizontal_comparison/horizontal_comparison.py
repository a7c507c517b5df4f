# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""横向对比: townships against county departments, and government against party-and-mass against stationed units:
tasks, on-time close-out, duty-record coverage and interviews."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, IfNull, Sum

from twoduty_app.common import vocabulary as v
from twoduty_app.units.report_filters import first_level_query, scoped_from

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
	"""Per group of first-level units, summed in the database: each first-level unit's figures from one
	tally row per unit of its branch and year (units/tally.py), then per kind of unit and per category."""
	year = int(filters.year or v.current_year())
	query, Tally = scoped_from("TD Unit Tally", filters)
	per_unit = (
		query.select(
			Tally.first_level_unit.as_("unit"),
			Sum(Tally.tasks_issued).as_("tasks"),
			Sum(Tally.tasks_closed).as_("closed"),
			Sum(Tally.tasks_closed_on_time).as_("on_time"),
			Sum(Case().when(Tally.counted_records > 0, 1).else_(0)).as_("records"),
			Sum(Tally.interviews_held).as_("interviews"),
		)
		.where((Tally.year == year) & Tally.first_level_unit.isnotnull())
		.groupby(Tally.first_level_unit)
	)
	First = frappe.qb.DocType("TD Unit").as_("f")
	first = first_level_query(filters, First)
	groups = (
		frappe.qb.from_(first)
		.left_join(per_unit)
		.on(per_unit.unit == first.name)
		.select(
			first.unit_type,
			first.department_category,
			Count("*"),
			Sum(IfNull(per_unit.tasks, 0)),
			Sum(IfNull(per_unit.closed, 0)),
			Sum(IfNull(per_unit.on_time, 0)),
			Sum(Case().when(per_unit.records > 0, 1).else_(0)),
			Sum(IfNull(per_unit.interviews, 0)),
		)
		.groupby(first.unit_type, first.department_category)
		.run()
	)
	rows = []
	for field, value in GROUPS:
		index = 0 if field == "unit_type" else 1
		members = [g for g in groups if g[index] == value]
		if not members:
			continue
		units, tasks, closed, on_time, with_records, interviews = (
			sum(int(g[i] or 0) for g in members) for i in range(2, 8)
		)
		rows.append(
			{
				"group": _(value),
				"indent": index,
				"units": units,
				"tasks": tasks,
				"closed": closed,
				"on_time_rate": round(100 * on_time / closed, 1) if closed else 0,
				"record_coverage": round(100 * with_records / units, 1) if units else 0,
				"interviews": interviews,
			}
		)
	return rows
