"""The tasks' (issued_on, workflow_state) index on sites installed before it existed (the Rectification
Ledger's totals by state read a province's year from it alone). Idempotent."""


def execute():
	from twoduty_app.supervision.doctype.td_rectification_task import td_rectification_task

	td_rectification_task.on_doctype_update()
