"""A task's states read as the office says them, each with a source string of its own (a generic word
would take Frappe's Chinese in the status badge): In Progress → Rectifying (整改中), Closed → Closed Out
(已销号), Cancelled → Task Revoked (已撤销). The workflow itself comes with the fixtures after this patch."""

import frappe

RENAMED = {"In Progress": "Rectifying", "Closed": "Closed Out", "Cancelled": "Task Revoked"}


def execute():
	Task = frappe.qb.DocType("TD Rectification Task")
	for old, new in RENAMED.items():
		frappe.qb.update(Task).set(Task.workflow_state, new).where(Task.workflow_state == old).run()
