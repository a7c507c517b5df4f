"""The phone page for unit liaisons and team members: /td (behind Frappe login)."""

import frappe
from frappe import _

from twoduty_app.api.mobile import ALLOWED_EXTENSIONS, MAX_FILE_MB, MAX_FILES
from twoduty_app.common import vocabulary as v

no_cache = 1

# every text the page shows, translated on the server into the user's language: the page's own words and
# the vocabulary it displays (states, actions, lights, kinds)
PAGE_STRINGS = [
	"Two Duties", "My Tasks", "Duty Record", "No open tasks in your branch.", "Rectification Deadline", "Problem", "Requirement",
	"Measures", "Progress Log", "History", "Rechecks", "Add Progress", "Progress Note", "Photos or Files", "Take a Photo",
	"Save Progress", "Saving…", "Saved", "Back", "Unit", "What Was Done", "Record Kind", "Done On",
	"Duties Performed", "Evidence", "Save Duty Record", "Late entry: it counts only after the county approves it.",
	"Describe the measures of the plan", "Something went wrong, please try again.", "Round", "Result",
	"Loading…", "Open the desk", "No duties are assigned to your units this year.", "Log out",
	"{0} working days left", "Suspended",
]  # fmt: skip
STRINGS = [
	*PAGE_STRINGS,
	*v.TASK_STATES,
	*v.TASK_ACTIONS,
	*v.TRAFFIC_LIGHTS,
	*v.RECTIFICATION_KINDS,
	*v.RECHECK_RESULTS,
	*v.RECORD_KINDS,
]


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/td"
		raise frappe.Redirect
	context.no_cache = 1
	context.T = {s: _(s) for s in STRINGS}
	context.limits = {"max_mb": MAX_FILE_MB, "max_files": MAX_FILES, "extensions": sorted(ALLOWED_EXTENSIONS)}
	context.lang = frappe.local.lang
	context.vocabulary = v.boot()
	context.user_name = frappe.utils.get_fullname(frappe.session.user)
	return context
