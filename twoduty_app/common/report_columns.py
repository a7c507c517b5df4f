"""Columns shared by the reports, so that a unit or a task reads the same in every report."""

from frappe import _


def unit_columns() -> list[dict]:
	"""The unit a report row is about: its ID, name and type."""
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "TD Unit", "width": 120},
		{"fieldname": "unit_name", "label": _("Unit Name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "unit_type", "label": _("Unit Type"), "fieldtype": "Data", "width": 110},
	]


def task_columns(*fieldnames: str) -> list[dict]:
	columns = {
		"name": {
			"label": _("Rectification Task"),
			"fieldtype": "Link",
			"options": "TD Rectification Task",
			"width": 140,
		},
		"unit_name": {"label": _("Unit"), "fieldtype": "Data", "width": 150},
		"problem": {"label": _("Problem"), "fieldtype": "Data", "width": 250},
		"measures": {"label": _("Measures"), "fieldtype": "Data", "width": 220},
		"deadline": {
			"label": _("Rectification Deadline"),
			"fieldtype": "Date",
			"width": 100,
		},
		"days_overdue": {"label": _("Days Overdue"), "fieldtype": "Int", "width": 90},
		"workflow_state": {"label": _("Workflow State"), "fieldtype": "Data", "width": 120},
		"traffic_light": {"label": _("Deadline Status"), "fieldtype": "Data", "width": 100},
		"escalation_level": {"label": _("Escalation"), "fieldtype": "Data", "width": 120},
		"round": {"label": _("Round"), "fieldtype": "Int", "width": 70},
		"failed_rechecks": {"label": _("Failed Rechecks"), "fieldtype": "Int", "width": 90},
		"closed_on": {"label": _("Closed On"), "fieldtype": "Date", "width": 100},
		"extensions": {"label": _("Extensions Granted"), "fieldtype": "Int", "width": 90},
		"paused": {"label": _("Suspended"), "fieldtype": "Check", "width": 80},
	}
	return [{"fieldname": f, **columns[f]} for f in fieldnames]
