app_name = "twoduty_app"
app_title = "Two Duties"
app_publisher = "twoduty_app developers"
app_description = "Two duties (两个责任): principal and supervisory duty tracking"
app_email = "dev@twoduty.invalid"
app_license = "mit"

# Records that ship as fixtures (name-filtered so that site-made records are never touched)
fixtures = [
	{"dt": "Role", "filters": [["name", "like", "TwoDuty %"]]},
]


# Unit scope: membership of a unit limits what a user sees to that unit's branch of the tree
permission_query_conditions = {
	"TD Unit": "twoduty_app.permissions.unit_scope.query_conditions",
}
has_permission = {
	"TD Unit": "twoduty_app.permissions.unit_scope.has_permission",
}


override_whitelisted_methods = {
	"frappe.client.get_count": "twoduty_app.api.overrides.get_count",
}
