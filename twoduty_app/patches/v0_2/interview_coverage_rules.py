"""Interview coverage (逐级约谈) on sites installed before its rules were data: the index its queries read, and
the default rules, written only while the site's table is empty (a county's own rules are never touched)."""


def execute():
	from twoduty_app.supervision.coverage import seed_default_rules
	from twoduty_app.supervision.doctype.td_interviewee.td_interviewee import on_doctype_update

	on_doctype_update()  # the index, where the doctype's JSON did not change
	seed_default_rules()
