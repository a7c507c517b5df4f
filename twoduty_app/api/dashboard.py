"""Number cards and dashboard charts of the 两个责任 workspace.

Every figure is computed for the person asking: a township user's cards count only that township's
branch. Charts use custom sources on purpose: Frappe caches the standard Count/Group By charts per chart,
not per user, which would show one user's figures to another."""

import frappe
from frappe import _
from frappe.query_builder import Field
from frappe.query_builder.functions import Count, Extract, Sum
from frappe.utils import add_months, getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import quarter_bounds
from twoduty_app.supervision.coverage import coverage_totals, interview_coverage_page
from twoduty_app.units.report_filters import (
	first_level_units,
	scoped_from,
	units_criterion,
)

NO_FILTERS = frappe._dict()


def _tasks_in_scope():
	return scoped_from("TD Rectification Task", NO_FILTERS)


def _tally_of_this_year():
	"""The viewer's units' tally rows of this year (see units/tally.py)."""
	query, Tally = scoped_from("TD Unit Tally", NO_FILTERS)
	return query.where(Tally.year == v.current_year()), Tally


def _require_read(doctype: str) -> None:
	frappe.has_permission(doctype, "read", throw=True)


@frappe.whitelist()
@frappe.read_only()
def closed_on_time_rate(filters=None) -> dict:
	"""Share of this year's closed tasks that were closed by their deadline."""
	_require_read("TD Rectification Task")
	query, Tally = _tally_of_this_year()
	closed, on_time = query.select(Sum(Tally.closed_in_year), Sum(Tally.closed_in_year_on_time)).run()[0]
	closed = int(closed or 0)
	return {"value": round(100 * int(on_time or 0) / closed, 1) if closed else 0, "fieldtype": "Percent"}


@frappe.whitelist()
@frappe.read_only()
def interviews_this_year(filters=None) -> dict:
	"""Interviews held this year in the viewer's branch (the tally's count: one row per unit, not a year's
	interviews)."""
	_require_read("TD Interview")
	query, Tally = _tally_of_this_year()
	held = query.select(Sum(Tally.interviews_held)).run()[0][0]
	return {"value": int(held or 0), "fieldtype": "Int", "route": ["List", "TD Interview", "List"]}


@frappe.whitelist()
@frappe.read_only()
def units_not_interviewed(filters=None) -> dict:
	"""First-level units whose head or discipline secretary has not been interviewed this year."""
	_require_read("TD Interview")
	page = interview_coverage_page(v.current_year(), first_level_units(NO_FILTERS), limit=0)
	return {
		"value": page["units_behind"],
		"fieldtype": "Int",
		"route": ["query-report", "Interview Coverage"],
	}


@frappe.whitelist()
@frappe.read_only()
def units_still_to_be_interviewed(filters=None) -> dict:
	"""Units that the interviewing units of the viewer's branch must interview this year under the
	coverage rules (逐级约谈) and have not yet interviewed."""
	_require_read("TD Interview")
	return {
		"value": sum(total["missing"] for total in coverage_totals(v.current_year())),
		"fieldtype": "Int",
		"route": ["query-report", "Cascade Coverage"],
	}


@frappe.whitelist()
@frappe.read_only()
def units_without_activity(filters=None) -> dict:
	"""Units below the county with neither a duty record nor task activity in the current quarter."""
	_require_read("TD Unit")
	start, end = quarter_bounds(getdate(nowdate()))
	Unit = frappe.qb.DocType("TD Unit")
	scope = units_criterion(Unit, NO_FILTERS)

	below_county = Unit.unit_type != v.COUNTY
	condition = below_county & scope if scope is not None else below_county
	total = frappe.qb.from_(Unit).select(Count("*")).where(condition).run()[0][0]
	# no date lies in the future, so a unit was active this quarter when its latest activity of the
	# year falls in it; units below the county are those with a first-level unit
	query, Tally = _tally_of_this_year()
	active = (
		query.select(Count("*"))
		.where(Tally.first_level_unit.isnotnull() & Tally.last_activity_on[start:end])
		.run()[0][0]
	)
	return {
		"value": max(0, total - active),
		"fieldtype": "Int",
		"route": ["query-report", "Vertical Reach"],
	}


@frappe.whitelist()
@frappe.read_only()
def education_activities_this_year(filters=None) -> dict:
	"""Integrity education activities held this year in the viewer's branch (廉政教育); the list opens grouped
	by unit."""
	_require_read("TD Education Activity")
	query, Activity = scoped_from("TD Education Activity", NO_FILTERS)
	held = query.select(Count("*")).where(Activity.year == v.current_year()).run()[0][0]
	return {
		"value": int(held or 0),
		"fieldtype": "Int",
		"route": ["List", "TD Education Activity", "Report"],
		"route_options": {"year": v.current_year()},
	}


@frappe.whitelist()
@frappe.read_only()
def flagged_decisions_this_year(filters=None) -> dict:
	"""This year's "三重一大" decisions of the viewer's branch that the app flagged."""
	_require_read("TD Major Decision")
	query, Decision = scoped_from("TD Major Decision", NO_FILTERS)
	flagged = (
		query.select(Count("*"))
		.where((Decision.year == v.current_year()) & (Decision.flagged == 1))
		.run()[0][0]
	)
	return {
		"value": int(flagged or 0),
		"fieldtype": "Int",
		"route": ["query-report", "Major Decision Check"],
	}


def _chart(labels, datasets):
	return {"labels": labels, "datasets": datasets}


@frappe.whitelist()
@frappe.read_only()
def tasks_by_state(**kwargs) -> dict:
	_require_read("TD Rectification Task")
	query, Task = _tasks_in_scope()
	rows = dict(query.select(Task.workflow_state, Count("*")).groupby(Task.workflow_state).run())
	states = [s for s in v.TASK_STATES if rows.get(s)]
	return _chart([_(s) for s in states], [{"name": _("Tasks"), "values": [rows[s] for s in states]}])


@frappe.whitelist()
@frappe.read_only()
def tasks_by_unit_category(**kwargs) -> dict:
	"""Open and closed tasks of the year for townships and the three kinds of county department."""
	_require_read("TD Rectification Task")
	query, Tally = _tally_of_this_year()
	per_first = (
		query.select(
			Tally.first_level_unit.as_("unit"),
			Sum(Tally.tasks_issued).as_("issued"),
			Sum(Tally.tasks_closed).as_("closed"),
		)
		.where(Tally.first_level_unit.isnotnull() & (Tally.tasks_issued > 0))
		.groupby(Tally.first_level_unit)
	).as_("per_first")
	First = frappe.qb.DocType("TD Unit").as_("first")
	rows = (
		frappe.qb.from_(per_first)
		.join(First)
		.on(First.name == Field("unit", table=per_first))
		.select(
			First.unit_type,
			First.department_category,
			Sum(Field("issued", table=per_first)),
			Sum(Field("closed", table=per_first)),
		)
		.groupby(First.unit_type, First.department_category)
		.run()
	)
	groups = v.COMPARISON_GROUPS
	totals = {g: [0, 0] for g in groups}
	for unit_type, category, issued, closed in rows:
		key = category or unit_type
		if key in totals:
			totals[key][0] += int(issued) - int(closed)
			totals[key][1] += int(closed)
	return _chart(
		[_(g) for g in groups],
		[
			{"name": _("Still Open"), "values": [totals[g][0] for g in groups]},
			{"name": _("Closed Out"), "values": [totals[g][1] for g in groups]},
		],
	)


@frappe.whitelist()
@frappe.read_only()
def monthly_trend(**kwargs) -> dict:
	"""Tasks issued and closed in each of the last twelve months."""
	_require_read("TD Rectification Task")
	first_month = getdate(add_months(getdate(nowdate()).replace(day=1), -11))
	months = [getdate(add_months(first_month, i)) for i in range(12)]
	query, Task = _tasks_in_scope()

	def per_month(field):
		rows = (
			query.select(Extract("year", field), Extract("month", field), Count("*"))
			.where(field >= first_month)
			.groupby(Extract("year", field), Extract("month", field))
			.run()
		)
		counts = {(int(y), int(m)): n for y, m, n in rows}
		return [counts.get((d.year, d.month), 0) for d in months]

	return _chart(
		[f"{d.year}-{d.month:02d}" for d in months],
		[
			{"name": _("Issued"), "values": per_month(Task.issued_on)},
			{"name": _("Closed Out"), "values": per_month(Task.closed_on)},
		],
	)
