"""The problem → task part of the cycle, shared by interviews, inspections and checklists."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import save_as_system
from twoduty_app.common.settings import get_settings
from twoduty_app.exceptions import InvalidDeadlineError

# source doctype -> (table of problems, status when tasks are open, status when all are finished)
SOURCES = {
	"TD Interview": ("issues", v.FOLLOWING_UP, v.CONCLUDED),
	"TD Inspection": ("findings", v.FOLLOWING_UP, v.CONCLUDED),
}


def make_tasks_from_problems(source) -> list[str]:
	"""Create and issue one rectification task for each problem row that has none yet."""
	table, _following, _closed = SOURCES[source.doctype]
	created = []
	for row in source.get(table):
		if row.rectification_task:
			continue
		# a row without a deadline gets its kind's default period in working days (TD Settings)
		task = issue_task(
			row.unit or source.unit,
			row.problem,
			row.requirement,
			row.rectification_kind or v.DEADLINE,
			row.deadline,
			source,
		)
		row.db_set("rectification_task", task)
		created.append(task)
	if created:
		sync_source_status(source.doctype, source.name)
	return created


def issue_task(unit: str, problem: str, requirement, kind: str, deadline, source) -> str:
	"""One rectification task, created and issued by the session user, remembering the record it came
	from (an interview, an inspection, a checklist)."""
	task = frappe.get_doc(
		{
			"doctype": "TD Rectification Task",
			"unit": unit,
			"problem": problem,
			"requirement": requirement,
			"rectification_kind": kind,
			"issued_on": today(),
			"deadline": deadline,
			"source_doctype": source.doctype,
			"source_name": source.name,
			# issued in the name of the unit that held the interview or inspection (empty: the county)
			"issuing_unit": source.get(field)
			if (field := getattr(source, "supervising_field", ""))
			else None,
		}
	)
	task.flags.from_source = True
	task.insert()
	return apply_workflow(task, v.ACTION_ISSUE).name


def sync_source_status(source_doctype: str | None, source_name: str | None) -> None:
	"""Keep an interview's or inspection's status in step with the tasks it raised."""
	if source_doctype not in SOURCES or not source_name:
		return
	_table, following, closed = SOURCES[source_doctype]
	current = frappe.db.get_value(source_doctype, source_name, "status")
	if current in (None, v.PROPOSED, v.PLANNED):
		return  # an interview not yet held stays planned
	states = frappe.get_all(
		"TD Rectification Task",
		filters={"source_doctype": source_doctype, "source_name": source_name},
		pluck="workflow_state",
	)
	if not states:
		return
	status = closed if all(s in v.FINAL_STATES for s in states) else following
	if status != current:
		source = frappe.get_doc(source_doctype, source_name)
		source.status = status
		save_as_system(source)


def check_deadlines_after(rows, start_date, label: str) -> None:
	for row in rows:
		if row.deadline and start_date and getdate(row.deadline) < getdate(start_date):
			frappe.throw(
				_("Row {0}: the deadline is before the {1}.").format(row.idx, label), InvalidDeadlineError
			)
