# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""横向对比: townships against county departments, and government against party-and-mass against stationed units:
tasks, on-time close-out, duty-record coverage and interviews."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Extract, Sum

from twoduty_app.services.periods import year_bounds
from twoduty_app.services.report_filters import (
	FirstLevelIndex,
	first_level_units,
	scoped_from,
	unit_lfts,
	units_criterion,
	units_with_activity,
)
from twoduty_app.supervision.doctype.td_rectification_task.td_rectification_task import by_unit_in_year

GROUPS = [
	("unit_type", "Township"),
	("unit_type", "County Department"),
	("department_category", "Government Department"),
	("department_category", "Party and Mass Organization"),
	("department_category", "Stationed Unit"),
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
		{"fieldname": "closed", "label": _("Closed"), "fieldtype": "Int", "width": 80},
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
	year = int(filters.year or frappe.utils.getdate().year)
	year_start, year_end = year_bounds(year)
	first = first_level_units(filters)
	index = FirstLevelIndex(first)
	lfts = unit_lfts()
	per_unit = {u.name: frappe._dict(tasks=0, closed=0, on_time=0, records=0, interviews=0) for u in first}

	def owner_of(unit):
		return index.owner(lfts.get(unit, -1))

	query, Task = scoped_from("TD Rectification Task", filters)
	rows = (
		by_unit_in_year(query)
		.select(
			Task.unit,
			Count("*"),
			Sum(Case().when(Task.workflow_state == "Closed", 1).else_(0)),
			Sum(
				Case().when((Task.workflow_state == "Closed") & (Task.closed_on <= Task.deadline), 1).else_(0)
			),
		)
		.where(Task.issued_on[year_start:year_end])
		.groupby(Task.unit)
		.run()
	)
	for unit, tasks, closed, on_time in rows:
		if owner := owner_of(unit):
			agg = per_unit[owner.name]
			agg.tasks += tasks
			agg.closed += int(closed or 0)
			agg.on_time += int(on_time or 0)

	# coverage needs only whether a unit has a counted record: one index probe per unit
	Unit = frappe.qb.DocType("TD Unit")
	below_county = Unit.unit_type != "County"
	scope = units_criterion(Unit, filters)
	condition = below_county & scope if scope is not None else below_county
	for unit in units_with_activity(Unit, condition, year_start, year_end, counted_records_only=True):
		if owner := owner_of(unit):
			per_unit[owner.name].records += 1

	query, Interview = scoped_from("TD Interview", filters)
	rows = (
		query.select(Interview.unit, Count("*"))
		.where(
			Interview.status.isin(("Held", "Following Up", "Closed")) & Interview.held_on[year_start:year_end]
		)
		.groupby(Interview.unit)
		.run()
	)
	for unit, n in rows:
		if owner := owner_of(unit):
			per_unit[owner.name].interviews += n

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
