"""Composite indexes for reports and jobs at province scale, on sites installed before they existed.

Idempotent: `add_index` does nothing when the index is there (new sites get them from on_doctype_update)."""


def execute():
	from twoduty_app.responsibility.doctype.td_duty_record import td_duty_record
	from twoduty_app.supervision.doctype.td_interview import td_interview
	from twoduty_app.supervision.doctype.td_rectification_task import td_rectification_task

	for module in (td_duty_record, td_interview, td_rectification_task):
		module.on_doctype_update()
