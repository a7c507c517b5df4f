# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""逾期与督办: open tasks that are overdue or escalated, worst first."""

import frappe
from frappe import _
from frappe.utils import date_diff, nowdate

from twoduty_app.services import task_states as ts
from twoduty_app.services.report_columns import task_columns
from twoduty_app.services.report_filters import units_criterion

PAGE = 2000


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	return columns(), rows, None, chart(rows)


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
	)


def data(filters):
	Task = frappe.qb.DocType("TD Rectification Task")
	Unit = frappe.qb.DocType("TD Unit")
	query = (
		frappe.qb.from_(Task)
		.join(Unit)
		.on(Unit.name == Task.unit)
		.select(
			Task.name,
			Unit.unit_name,
			Task.problem,
			Task.deadline,
			Task.workflow_state,
			Task.escalation_level,
			Task.round,
			Task.failed_rechecks,
		)
		.where(Task.workflow_state.isin(ts.UNIT_TURN_STATES))
		.where((Task.traffic_light == ts.OVERDUE) | (Task.escalation_level != ""))
		.orderby(Task.deadline)
		.limit(PAGE)
	)
	if (criterion := units_criterion(Unit, filters)) is not None:
		query = query.where(criterion)
	rows = query.run(as_dict=True)
	today = nowdate()
	for row in rows:
		row.days_overdue = max(0, date_diff(today, row.deadline))
		row.workflow_state = _(row.workflow_state)
		row.escalation_level = _(row.escalation_level) if row.escalation_level else ""
	return rows


def chart(rows):
	levels: dict[str, int] = {}
	for row in rows:
		levels[row.escalation_level or _("Overdue")] = levels.get(row.escalation_level or _("Overdue"), 0) + 1
	return {
		"data": {"labels": list(levels), "datasets": [{"name": _("Tasks"), "values": list(levels.values())}]},
		"type": "pie",
	}
