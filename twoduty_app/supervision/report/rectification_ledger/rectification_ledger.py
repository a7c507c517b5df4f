# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""整改台账: every rectification task issued in the year, with its unit, measures, deadline, state and round."""

import frappe
from frappe import _

from twoduty_app.common.dates import year_bounds
from twoduty_app.common.report_columns import task_columns
from twoduty_app.common.report_pages import first_page_message, limit_for_view
from twoduty_app.common.vocabulary import current_year
from twoduty_app.units.report_filters import scoped_from


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	counts = counts_by_state(filters)
	return columns(), rows, first_page_message(len(rows), sum(counts.values())), chart(counts)


def columns():
	return task_columns(
		"name",
		"unit_name",
		"problem",
		"measures",
		"deadline",
		"workflow_state",
		"traffic_light",
		"round",
		"extensions",
		"paused",
		"closed_on",
	)


def base_query(filters):
	query, Task = scoped_from("TD Rectification Task", filters)
	query = query.where(Task.issued_on[slice(*year_bounds(filters.year or current_year()))])
	if filters.get("workflow_state"):
		query = query.where(Task.workflow_state == filters.workflow_state)
	return query, Task


def data(filters):
	query, Task = base_query(filters)
	rows = query.select(
		Task.name,
		Task.unit_name,
		Task.problem,
		Task.measures,
		Task.deadline,
		Task.workflow_state,
		Task.traffic_light,
		Task.round,
		Task.extensions,
		Task.paused,
		Task.closed_on,
	).orderby(Task.deadline)
	rows = limit_for_view(rows).run(as_dict=True)
	for row in rows:
		row.workflow_state = _(row.workflow_state) if row.workflow_state else ""
		row.traffic_light = _(row.traffic_light) if row.traffic_light else ""
	return rows


def counts_by_state(filters) -> dict[str, int]:
	"""Every task of the ledger, counted in the database by state."""
	query, Task = base_query(filters)
	return dict(
		query.select(Task.workflow_state, frappe.query_builder.functions.Count("*"))
		.groupby(Task.workflow_state)
		.run()
	)


def chart(counts: dict[str, int]):
	return {
		"data": {
			"labels": [_(s) for s in counts],
			"datasets": [{"name": _("Tasks"), "values": list(counts.values())}],
		},
		"type": "bar",
	}
