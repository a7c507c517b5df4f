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
					"Rectifying",
					"Report Submitted",
					"Pending Recheck",
					"Closed Out",
					"Task Revoked",
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
					"Issue Task",
					"Submit Plan",
					"Approve Plan",
					"Return Plan",
					"Start Rectification",
					"Submit Report",
					"Sign Off",
					"Return Report",
					"Revoke Task",
					"Sign Agreement",
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

# Unit scope: membership of a unit limits what a user sees to that unit's branch of the tree. The doctypes
# are those of `permissions.unit_scope.SCOPED_DOCTYPES` (tests/test_install.py holds the two lists equal).
permission_query_conditions = {
	"TD Unit": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Interview": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Inspection": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Rectification Task": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Recheck": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Duty Assignment": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Duty Record": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Unit Checklist": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Delegation": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Extension Request": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Late Change": "twoduty_app.permissions.unit_scope.query_conditions",
	# a year-end assessment: its unit's own members and its assessment team (assessment/access.py)
	"TD Assessment": "twoduty_app.assessment.access.query_conditions",
	"TD Assessment Score": "twoduty_app.assessment.access.table_query_conditions",
	"TD Assessment Assessor": "twoduty_app.assessment.access.table_query_conditions",
	"TD Assessment Team Score": "twoduty_app.assessment.access.table_query_conditions",
	"TD Major Decision": "twoduty_app.permissions.unit_scope.query_conditions",
	"TD Education Activity": "twoduty_app.permissions.unit_scope.query_conditions",
	# their rows, which Frappe lets a reader query by themselves
	"TD Decision Attendee": "twoduty_app.permissions.unit_scope.table_query_conditions",
	"TD Education Attendee": "twoduty_app.permissions.unit_scope.table_query_conditions",
	"File": [
		"twoduty_app.permissions.unit_scope.file_query_conditions",
		"twoduty_app.permissions.county_only.file_query_conditions",
	],
	# county-only records (permissions/county_only.py): no unit member reads them, whatever the door
	"TD Accountability Case": "twoduty_app.permissions.county_only.query_conditions",
	"TD Accountability Line": "twoduty_app.permissions.county_only.query_conditions",
	"TD Accountability Source": "twoduty_app.permissions.county_only.query_conditions",
}
has_permission = {
	"TD Unit": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Interview": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Inspection": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Rectification Task": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Recheck": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Duty Assignment": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Duty Record": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Unit Checklist": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Delegation": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Extension Request": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Late Change": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Assessment": "twoduty_app.assessment.access.has_permission",
	"TD Major Decision": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Education Activity": "twoduty_app.permissions.unit_scope.has_permission",
	"TD Accountability Case": "twoduty_app.permissions.county_only.has_permission",
}

# per-unit yearly figures (TD Unit Tally) follow every change of their sources
doc_events = {
	# spreadsheets in (Data Import): who may import what, the app's Chinese templates
	"Data Import": {
		"before_validate": "twoduty_app.common.data_import.read_chinese_choices",
		"validate": "twoduty_app.common.data_import.check_import_allowed",
		"before_save": "twoduty_app.common.data_import.map_chinese_headers",
	},
	# the app's records hold values of their fields' types (a refusal in the user's language, not a 500)
	"*": {"before_validate": "twoduty_app.common.inputs.check_field_values"},
	"File": {
		# a file attached to the app's records is evidence: allowed types, not empty, within the limit
		"validate": [
			"twoduty_app.common.evidence_files.check_evidence_file",
			# and one attached to a county-only record (an accountability case) stays private
			"twoduty_app.permissions.county_only.refuse_public_files",
			# so do the minutes and materials of the registers (三重一大, 廉政教育)
			"twoduty_app.assessment.registers.refuse_public_files",
		],
		"on_trash": [
			"twoduty_app.supervision.evidence.prevent_evidence_deletion",
			"twoduty_app.responsibility.evidence.prevent_evidence_deletion",
		],
	},
	"User": {
		"on_update": "twoduty_app.supervision.leader_reports.on_user_update",
	},
	# interviews matched to posts by membership follow the members' posts and dates
	"TD Unit": {
		"on_update": "twoduty_app.supervision.coverage_marks.on_unit_update",
		"after_delete": "twoduty_app.supervision.coverage_marks.on_unit_delete",
	},
	"TD Rectification Task": {
		"on_change": "twoduty_app.units.tally.on_source_change",
		"on_trash": "twoduty_app.common.documents.refuse_deletion",
		"after_delete": "twoduty_app.units.tally.on_source_delete",
	},
	"TD Interview": {
		"on_change": [
			"twoduty_app.units.tally.on_source_change",
			# what it covers (逐级约谈), kept ahead for the coverage views
			"twoduty_app.supervision.coverage_marks.on_interview_change",
		],
		"on_trash": "twoduty_app.common.documents.refuse_deletion",
		"after_delete": [
			"twoduty_app.units.tally.on_source_delete",
			"twoduty_app.supervision.coverage_marks.on_interview_delete",
		],
	},
	"TD Duty Record": {
		# a closed year (its assessment finalised) changes only through an approved late change (补录)
		"validate": "twoduty_app.assessment.year_close.check_year_open",
		"on_change": "twoduty_app.units.tally.on_source_change",
		"on_trash": "twoduty_app.common.documents.refuse_deletion",
		"after_delete": "twoduty_app.units.tally.on_source_delete",
	},
	# records that carry evidence or history are revoked or cancelled, never deleted
	"TD Recheck": {"on_trash": "twoduty_app.common.documents.refuse_deletion"},
	"TD Inspection": {"on_trash": "twoduty_app.common.documents.refuse_deletion"},
	"TD Duty Assignment": {"on_trash": "twoduty_app.common.documents.refuse_deletion"},
	"TD Accountability Case": {"on_trash": "twoduty_app.common.documents.refuse_deletion"},
	"TD Major Decision": {
		"validate": "twoduty_app.assessment.year_close.check_year_open",
		"on_trash": "twoduty_app.common.documents.refuse_deletion",
	},
	"TD Education Activity": {
		"validate": "twoduty_app.assessment.year_close.check_year_open",
		"on_trash": "twoduty_app.common.documents.refuse_deletion",
	},
	"TD Unit Checklist": {"validate": "twoduty_app.assessment.year_close.check_year_open"},
	"TD Late Change": {"on_trash": "twoduty_app.common.documents.refuse_deletion"},
	"TD Assessment": {"on_trash": "twoduty_app.common.documents.refuse_deletion"},
}
# tally rows are derived data: they go with their unit instead of blocking its deletion
ignore_links_on_delete = ["TD Unit Tally", "TD Coverage Mark"]

scheduler_events = {
	"daily": [
		# memberships that began or ended: access follows before the day's other jobs read it
		"twoduty_app.units.membership.refresh_current",
		"twoduty_app.supervision.escalation.run_daily",
		"twoduty_app.supervision.holidays.remind_missing_next_year",
	],
	# heavy nightly work runs on the long queue
	"daily_long": [
		"twoduty_app.responsibility.assignments.refresh_current_year",
		"twoduty_app.units.tally.rebuild",
		"twoduty_app.supervision.coverage_marks.rebuild_this_year",
	],
	"weekly": [
		"twoduty_app.supervision.digests.weekly_digest",
		# from 1 October: the interviews each interviewer still owes this year (逐级约谈)
		"twoduty_app.supervision.coverage_alerts.send_weekly",
	],
	"monthly": ["twoduty_app.supervision.digests.monthly_summary"],
}

# what the printed notices (公文) read, whoever prints them
jinja = {
	"methods": [
		"twoduty_app.common.print_helpers.zh",
		"twoduty_app.common.print_helpers.zh_date",
		"twoduty_app.common.print_helpers.hh_mm",
		"twoduty_app.common.print_helpers.full_name",
		"twoduty_app.common.print_helpers.issuing_body",
		"twoduty_app.common.print_helpers.party_body",
		"twoduty_app.common.print_helpers.implementing_rules",
		"twoduty_app.common.print_helpers.notice_settings",
		# the standard charts (七类图表) drawn from the unit's data
		"twoduty_app.responsibility.charts.chart_data",
		"twoduty_app.common.print_helpers.rich_text",
	]
}

# the app's vocabulary for the desk scripts (frappe.boot.twoduty) and their shared helpers
extend_bootinfo = "twoduty_app.common.boot.extend_bootinfo"
app_include_js = ["/assets/twoduty_app/js/twoduty_desk.js"]

# controllers carry the types of their fields (regenerated when a DocType is saved in developer mode)
export_python_type_annotations = True

# API clients (key/secret or OAuth) get messages in their user's language, like desk sessions
# then requests to the app's methods and doctypes that Frappe would fail with a server error are refused
# in that language (twoduty_app/common/inputs.py)
auth_hooks = ["twoduty_app.auth.use_the_api_users_language", "twoduty_app.common.inputs.check_request"]

override_whitelisted_methods = {
	"frappe.client.get_count": "twoduty_app.api.overrides.get_count",
	# evidence is checked before Frappe writes an upload to disk (an empty one fails there with a 500)
	"upload_file": "twoduty_app.api.overrides.upload_file",
	"frappe.handler.upload_file": "twoduty_app.api.overrides.upload_file",
}
