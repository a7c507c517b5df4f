"""Reading `TD Settings`: each value, or its default from the DocType when the site never saved one."""

import frappe

DOCTYPE = "TD Settings"
# the numbers every rule reads (each at least 1); their defaults live in the DocType JSON, nowhere else
FIELDS = (
	"due_soon_days",
	"interview_after_overdue_days",
	"interview_after_failed_rechecks",
	"plan_working_days",
	"immediate_working_days",
	"deadline_working_days",
	"ongoing_working_days",
	"max_extensions",
	# the escalation ladder's last step: a draft accountability case
	"case_after_overdue_days",
	"case_after_failed_rechecks",
	"case_after_interview_unheld_days",
)
# switches: whether a window or a threshold counts working days (or calendar days)
SWITCHES = ("due_soon_in_working_days", "overdue_in_working_days")
# amounts in yuan (a site that never saved one reads the DocType's default)
AMOUNTS = ("major_decision_amount",)


def get_settings() -> frappe._dict:
	settings = frappe.get_cached_doc(DOCTYPE)
	meta = frappe.get_meta(DOCTYPE)

	def default(fieldname) -> int:
		return frappe.utils.cint(meta.get_field(fieldname).default)

	values = {f: settings.get(f) or default(f) for f in FIELDS}
	values.update({f: default(f) if settings.get(f) is None else settings.get(f) for f in SWITCHES})
	values.update(
		{f: frappe.utils.flt(settings.get(f)) or frappe.utils.flt(meta.get_field(f).default) for f in AMOUNTS}
	)
	return frappe._dict(values)
