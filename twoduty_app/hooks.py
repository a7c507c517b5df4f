from twoduty_app.permissions.unit_scope import SCOPED_DOCTYPES as _SCOPED

app_name = "twoduty_app"
app_title = "Two Duties"
app_publisher = "twoduty_app developers"
app_description = "Two duties (两个责任): principal and supervisory duty tracking"
app_email = "dev@twoduty.invalid"
app_license = "mit"

# Records that ship as fixtures (name-filtered so that site-made records are never touched)
fixtures = [
	{"dt": "Role", "filters": [["name", "like", "TwoDuty %"]]},
	{
		"dt": "Workflow State",
		"filters": [
			[
				"name",
				"in",
				[
					"Draft",
					"Issued",
					"Plan Submitted",
					"In Progress",
					"Report Submitted",
					"Pending Recheck",
					"Closed",
					"Cancelled",
					"Signed",
				],
			]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [
			[
				"name",
				"in",
				[
					"Issue",
					"Submit Plan",
					"Approve Plan",
					"Return Plan",
					"Start Rectification",
					"Submit Report",
					"Sign Off",
					"Return Report",
					"Cancel",
					"Sign",
				],
			]
		],
	},
	{
		"dt": "Workflow",
		"filters": [["name", "in", ["TD Rectification Task Workflow", "TD Duty Assignment Workflow"]]],
	},
]


after_install = "twoduty_app.setup.install.after_install"
# seed data (duty catalogue, checklist templates): created when missing, never overwritten
after_sync = "twoduty_app.setup.install.after_sync"
after_migrate = "twoduty_app.setup.install.after_sync"

# Unit scope: membership of a unit limits what a user sees to that unit's branch of the tree
permission_query_conditions = {dt: "twoduty_app.permissions.unit_scope.query_conditions" for dt in _SCOPED}
permission_query_conditions["File"] = "twoduty_app.permissions.unit_scope.file_query_conditions"
has_permission = {dt: "twoduty_app.permissions.unit_scope.has_permission" for dt in _SCOPED}

doc_events = {
	"File": {
		"on_trash": "twoduty_app.services.evidence.prevent_evidence_deletion",
	},
	"User": {
		"on_update": "twoduty_app.services.auto_email.on_user_update",
	},
}
# per-unit yearly figures (TD Unit Tally) follow every change of their sources
for _source in ("TD Rectification Task", "TD Interview", "TD Duty Record"):
	doc_events[_source] = {
		"on_change": "twoduty_app.services.tally.on_source_change",
		"after_delete": "twoduty_app.services.tally.on_source_delete",
	}
# tally rows are derived data: they go with their unit instead of blocking its deletion
ignore_links_on_delete = ["TD Unit Tally"]

scheduler_events = {
	"daily": [
		"twoduty_app.tasks.escalation.run_daily",
		"twoduty_app.services.duty.refresh_current_year",
		"twoduty_app.services.tally.rebuild",
	],
	"weekly": ["twoduty_app.tasks.digests.weekly_digest"],
	"monthly": ["twoduty_app.tasks.digests.monthly_summary"],
}


# API clients (key/secret or OAuth) get messages in their user's language, like desk sessions
auth_hooks = ["twoduty_app.auth.use_the_api_users_language"]

override_whitelisted_methods = {
	"frappe.client.get_count": "twoduty_app.api.overrides.get_count",
}
