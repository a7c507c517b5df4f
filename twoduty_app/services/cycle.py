"""The problem → task part of the cycle, shared by interviews and inspections."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from twoduty_app.exceptions import InvalidDeadlineError
from twoduty_app.services import task_states as ts

# source doctype -> (table of problems, status when tasks are open, status when all are finished)
SOURCES = {
	"TD Interview": ("issues", "Following Up", "Closed"),
	"TD Inspection": ("findings", "Following Up", "Closed"),
}
IMMEDIATE_DAYS = 7


def make_tasks_from_problems(source) -> list[str]:
	"""Create and issue one rectification task for each problem row that has none yet."""
	table, _following, _closed = SOURCES[source.doctype]
	created = []
	for row in source.get(table):
		if row.rectification_task:
			continue
		deadline = row.deadline or (
			add_days(today(), IMMEDIATE_DAYS) if row.rectification_kind == "Immediate" else None
		)
		if not deadline:
			frappe.throw(
				_("Row {0}: please set a deadline for {1}.").format(row.idx, frappe.bold(row.problem[:40])),
				InvalidDeadlineError,
				title=_("Deadline Missing"),
			)
		task = frappe.get_doc(
			{
				"doctype": "TD Rectification Task",
				"unit": row.unit or source.unit,
				"problem": row.problem,
				"requirement": row.requirement,
				"rectification_kind": row.rectification_kind or "Deadline",
				"issued_on": today(),
				"deadline": deadline,
				"source_doctype": source.doctype,
				"source_name": source.name,
			}
		)
		task.flags.from_source = True
		task.insert()
		task = apply_workflow(task, "Issue")
		row.db_set("rectification_task", task.name)
		created.append(task.name)
	if created:
		sync_source_status(source.doctype, source.name)
	return created


def sync_source_status(source_doctype: str | None, source_name: str | None) -> None:
	"""Keep an interview's or inspection's status in step with the tasks it raised."""
	if source_doctype not in SOURCES or not source_name:
		return
	_table, following, closed = SOURCES[source_doctype]
	current = frappe.db.get_value(source_doctype, source_name, "status")
	if current in (None, "Planned"):
		return  # an interview not yet held stays planned
	states = frappe.get_all(
		"TD Rectification Task",
		filters={"source_doctype": source_doctype, "source_name": source_name},
		pluck="workflow_state",
	)
	if not states:
		return
	status = closed if all(s in ts.FINAL_STATES for s in states) else following
	if status != current:
		source = frappe.get_doc(source_doctype, source_name)
		source.flags.via_system = True
		source.status = status
		source.save(ignore_permissions=True)


def check_deadlines_after(rows, start_date, label: str) -> None:
	for row in rows:
		if row.deadline and start_date and getdate(row.deadline) < getdate(start_date):
			frappe.throw(
				_("Row {0}: the deadline is before the {1}.").format(row.idx, label), InvalidDeadlineError
			)
