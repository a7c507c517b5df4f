"""What install and migrate leave on the site."""

import frappe

from twoduty_app.common.settings import FIELDS, SWITCHES, get_settings
from twoduty_app.common.vocabulary import POSITION_ROLES, TASK_STATES


def test_roles_are_installed_with_desk_access():
	for role in ("TwoDuty Admin", "TwoDuty Inspector", "TwoDuty Viewer", *POSITION_ROLES.values()):
		assert frappe.db.get_value("Role", role, "desk_access") == 1, role


def test_task_workflow_is_active_with_its_states_and_actions():
	workflow = frappe.get_doc("Workflow", "TD Rectification Task Workflow")
	assert workflow.is_active and workflow.document_type == "TD Rectification Task"
	assert workflow.workflow_state_field == "workflow_state"
	assert {s.state for s in workflow.states} == set(TASK_STATES)
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
	"""What the rules read on a site nobody configured: the DocType's defaults."""
	assert {f: get_settings()[f] for f in (*FIELDS, *SWITCHES)} == {
		"due_soon_days": 7,
		"interview_after_overdue_days": 30,
		"interview_after_failed_rechecks": 2,
		"plan_working_days": 5,
		"immediate_working_days": 7,
		"deadline_working_days": 30,
		"ongoing_working_days": 60,
		"max_extensions": 2,
		"case_after_overdue_days": 60,
		"case_after_failed_rechecks": 3,
		"case_after_interview_unheld_days": 30,
		"due_soon_in_working_days": 1,
		"overdue_in_working_days": 1,
	}
