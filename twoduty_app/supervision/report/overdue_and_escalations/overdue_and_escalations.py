# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""逾期与督办: open tasks that are overdue or escalated, worst first."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import date_diff, nowdate

from twoduty_app.common.dates import year_bounds
from twoduty_app.common.report_columns import task_columns
from twoduty_app.common.report_pages import first_page_message, limit_for_view
from twoduty_app.supervision import task_states as ts
from twoduty_app.units.report_filters import scoped_from


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	totals = totals_by_level(filters)
	return columns(), rows, first_page_message(len(rows), sum(totals.values())), chart(totals)


def columns():
	return task_columns(
		"name",
		"unit_name",
		"problem",
		"deadline",
		"days_overdue",
		"workflow_state",
		"escalation_level",
		"round",
		"failed_rechecks",
		"extensions",
	)


def base_query(filters):
	"""Open tasks at the unit that are overdue or escalated, in the reader's branch and the filters (joined
	to TD Unit only when a unit condition applies: an unscoped reader's figures come from the tasks'
	indexes)."""
	query, Task = scoped_from("TD Rectification Task", filters)
	query = query.where(Task.workflow_state.isin(ts.UNIT_TURN_STATES) & (Task.paused == 0)).where(
		(Task.traffic_light == ts.OVERDUE) | (Task.escalation_level != "")
	)
	if filters.get("year"):
		query = query.where(Task.issued_on[slice(*year_bounds(filters.year))])
	if filters.get("workflow_state"):
		query = query.where(Task.workflow_state == filters.workflow_state)
	return query, Task


def data(filters):
	query, Task = base_query(filters)
	query = query.select(
		Task.name,
		Task.unit_name,
		Task.problem,
		Task.deadline,
		Task.workflow_state,
		Task.escalation_level,
		Task.round,
		Task.failed_rechecks,
		Task.extensions,
	).orderby(Task.deadline)
	rows = limit_for_view(query).run(as_dict=True)
	today = nowdate()
	for row in rows:
		row.days_overdue = max(0, date_diff(today, row.deadline))
		row.workflow_state = _(row.workflow_state)
		row.escalation_level = _(row.escalation_level) if row.escalation_level else ""
	return rows


def totals_by_level(filters) -> dict[str, int]:
	"""Every matching task, counted in the database by escalation level (overdue with no step yet: "")."""
	query, Task = base_query(filters)
	return dict(query.select(Task.escalation_level, Count("*")).groupby(Task.escalation_level).run())


def chart(totals: dict[str, int]):
	levels = {_(level) if level else _("Overdue"): n for level, n in totals.items()}
	return {
		"data": {"labels": list(levels), "datasets": [{"name": _("Tasks"), "values": list(levels.values())}]},
		"type": "pie",
	}
