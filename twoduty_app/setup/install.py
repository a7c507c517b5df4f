"""Install-time setup. Seed data that must survive admin edits is created idempotently."""

import frappe


def after_sync():
	"""After install (fixtures are in by then) and after every migrate."""
	from twoduty_app.common.data_import import grant_data_import_access
	from twoduty_app.responsibility.seed import seed_all
	from twoduty_app.supervision.holidays import seed_holidays

	seed_all()
	seed_holidays()
	drop_renamed_workflow_actions()
	grant_data_import_access()


# the workflows' former action names: words other apps use (a translation of "Issue" renamed ERPNext's
# Issue doctype in Chinese). Renamed to Issue Task, Revoke Task and Sign Agreement.
RENAMED_ACTIONS = ("Issue", "Cancel", "Sign")


def drop_renamed_workflow_actions():
	"""After the fixtures are in: the old action masters go where no workflow of the site uses them."""
	for name in RENAMED_ACTIONS:
		if frappe.db.exists("Workflow Action Master", name) and not frappe.db.exists(
			"Workflow Transition", {"action": name}
		):
			frappe.delete_doc("Workflow Action Master", name, ignore_permissions=True, force=True)


def after_install():
	from twoduty_app.supervision.coverage import seed_default_rules
	from twoduty_app.supervision.leader_reports import ensure_leader_reports

	hide_tracebacks_from_users()
	save_default_settings()
	seed_default_rules()
	# leaders who were there before the app; later ones get theirs when they become leaders
	ensure_leader_reports()


def hide_tracebacks_from_users():
	"""Users see the translated message of an error, never the server's stack trace."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def save_default_settings():
	settings = frappe.get_single("TD Settings")
	for df in settings.meta.fields:
		if df.default and settings.get(df.fieldname) in (None, "", 0):
			settings.set(df.fieldname, df.default)
	settings.flags.ignore_permissions = True
	settings.save()


def mark_setup_complete():
	"""For the demo and test sites that bench creates: what Frappe's setup wizard leaves behind, without
	the wizard (a county's real site has been through it). Not called on install."""
	frappe.db.set_default("desktop:home_page", "workspace")
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	frappe.db.commit()
	frappe.clear_cache()
