"""What install and migrate leave on the site."""

import frappe

from twoduty_app.services.access import POSITION_ROLES


def test_roles_are_installed_with_desk_access():
	for role in ("TwoDuty Admin", "TwoDuty Inspector", "TwoDuty Viewer", *POSITION_ROLES.values()):
		assert frappe.db.get_value("Role", role, "desk_access") == 1, role


def test_task_workflow_is_active_with_its_states_and_actions():
	workflow = frappe.get_doc("Workflow", "TD Rectification Task Workflow")
	assert workflow.is_active and workflow.document_type == "TD Rectification Task"
	assert workflow.workflow_state_field == "workflow_state"
	states = {s.state for s in workflow.states}
	assert states == {
		"Draft",
		"Issued",
		"Plan Submitted",
		"In Progress",
		"Report Submitted",
		"Pending Recheck",
		"Closed",
		"Cancelled",
	}
	actions = {(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions}
	assert ("Report Submitted", "Sign Off", "Pending Recheck", "TwoDuty Unit Head") in actions
	assert not any(a[1] == "Sign Off" and a[3] == "TwoDuty Liaison" for a in actions)
	# no hidden custom field: the doctype carries its own workflow_state link
	assert not frappe.db.exists(
		"Custom Field", {"dt": "TD Rectification Task", "fieldname": "workflow_state"}
	)


def test_users_never_see_stack_traces():
	assert not frappe.db.get_single_value("System Settings", "allow_error_traceback")


def test_settings_have_their_defaults():
	settings = frappe.get_single("TD Settings")
	assert settings.due_soon_days >= 1 and settings.interview_after_overdue_days >= 1
