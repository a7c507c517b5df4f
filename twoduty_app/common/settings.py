"""Reading `TD Settings`: each value, or its default from the DocType when the site never saved one."""

import frappe

DOCTYPE = "TD Settings"
# the settings every rule reads; their defaults live in the DocType JSON, nowhere else
FIELDS = (
	"due_soon_days",
	"immediate_days",
	"interview_after_overdue_days",
	"interview_after_failed_rechecks",
)


def get_settings() -> frappe._dict:
	settings = frappe.get_cached_doc(DOCTYPE)
	meta = frappe.get_meta(DOCTYPE)
	return frappe._dict({f: settings.get(f) or frappe.utils.cint(meta.get_field(f).default) for f in FIELDS})
