"""Number cards and dashboard charts of the 两个责任 workspace.

Every figure is computed for the person asking: a township user's cards count only that township's
branch. Charts use custom sources on purpose: Frappe caches the standard Count/Group By charts per chart,
not per user, which would show one user's figures to another."""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Extract, Sum
from frappe.utils import add_months, getdate, nowdate

from twoduty_app.permissions.unit_scope import get_scope_ranges
from twoduty_app.services import task_states as ts
from twoduty_app.services.coverage import interview_coverage
from twoduty_app.services.periods import period_bounds, year_bounds
from twoduty_app.services.report_filters import (
	FirstLevelIndex,
	first_level_units,
	scoped_from,
	unit_lfts,
	units_criterion,
	units_with_activity,
)
from twoduty_app.supervision.doctype.td_rectification_task.td_rectification_task import by_unit_in_year

NO_FILTERS = frappe._dict()


def _tasks_in_scope():
	return scoped_from("TD Rectification Task", NO_FILTERS)


def _require_read(doctype: str) -> None:
	frappe.has_permission(doctype, "read", throw=True)


@frappe.whitelist()
def closed_on_time_rate(filters=None) -> dict:
	"""Share of this year's closed tasks that were closed by their deadline."""
	_require_read("TD Rectification Task")
	query, Task = _tasks_in_scope()
	closed, on_time = (
		query.select(Count("*"), Sum(Case().when(Task.closed_on <= Task.deadline, 1).else_(0)))
		.where(
			(Task.workflow_state == ts.CLOSED) & Task.closed_on[slice(*year_bounds(getdate(nowdate()).year))]
		)
		.run()[0]
	)
	return {"value": round(100 * int(on_time or 0) / closed, 1) if closed else 0, "fieldtype": "Percent"}


@frappe.whitelist()
def units_not_interviewed(filters=None) -> dict:
	"""First-level units whose head or discipline secretary has not been interviewed this year."""
	_require_read("TD Interview")
	visible = {u.name for u in first_level_units(NO_FILTERS)}
	rows = [r for r in interview_coverage(getdate(nowdate()).year) if r["unit"] in visible]
	missing = {r["unit"] for r in rows if not r["interviewed"]}
	return {"value": len(missing), "fieldtype": "Int", "route": ["query-report", "Interview Coverage"]}


@frappe.whitelist()
def units_without_activity(filters=None) -> dict:
	"""Units below the county with neither a duty record nor task activity in the current quarter."""
	_require_read("TD Unit")
	start, end = period_bounds(getdate(nowdate()), "Quarterly")
	Unit = frappe.qb.DocType("TD Unit")
	scope = units_criterion(Unit, NO_FILTERS)

	below_county = Unit.unit_type != "County"
	condition = below_county & scope if scope is not None else below_county
	total = frappe.qb.from_(Unit).select(Count("*")).where(condition).run()[0][0]
	active = units_with_activity(Unit, condition, start, end)
	return {
		"value": max(0, total - len(active)),
		"fieldtype": "Int",
		"route": ["query-report", "Vertical Reach"],
	}


def _chart(labels, datasets):
	return {"labels": labels, "datasets": datasets}


@frappe.whitelist()
def tasks_by_state(**kwargs) -> dict:
	_require_read("TD Rectification Task")
	query, Task = _tasks_in_scope()
	rows = dict(query.select(Task.workflow_state, Count("*")).groupby(Task.workflow_state).run())
	states = [s for s in (*ts.OPEN_STATES, *ts.FINAL_STATES) if rows.get(s)]
	return _chart([_(s) for s in states], [{"name": _("Tasks"), "values": [rows[s] for s in states]}])


@frappe.whitelist()
def tasks_by_unit_category(**kwargs) -> dict:
	"""Open and closed tasks of the year for townships and the three kinds of county department."""
	_require_read("TD Rectification Task")
	first = first_level_units(NO_FILTERS)
	index = FirstLevelIndex(first)
	query, Task = _tasks_in_scope()
	lfts = unit_lfts()
	rows = (
		by_unit_in_year(query)
		.select(Task.unit, Count("*"), Sum(Case().when(Task.workflow_state == ts.CLOSED, 1).else_(0)))
		.where(Task.issued_on[slice(*year_bounds(getdate(nowdate()).year))])
		.groupby(Task.unit)
		.run()
	)
	groups = ["Township", "Government Department", "Party and Mass Organization", "Stationed Unit"]
	totals = {g: [0, 0] for g in groups}
	for unit, n, closed in rows:
		if owner := index.owner(lfts.get(unit, -1)):
			key = owner.department_category or owner.unit_type
			if key in totals:
				totals[key][0] += n - int(closed or 0)
				totals[key][1] += int(closed or 0)
	return _chart(
		[_(g) for g in groups],
		[
			{"name": _("Still Open"), "values": [totals[g][0] for g in groups]},
			{"name": _("Closed"), "values": [totals[g][1] for g in groups]},
		],
	)


@frappe.whitelist()
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
			{"name": _("Closed"), "values": per_month(Task.closed_on)},
		],
	)
