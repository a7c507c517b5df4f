// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Assessment Ranking"] = {
	// stored text (unit names) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		twoduty.filters.year(),
		{
			fieldname: "comparison_group",
			label: __("Category"),
			fieldtype: "Select",
			options: twoduty.options(twoduty.vocabulary().comparison_groups),
		},
		twoduty.filters.unit(),
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: twoduty.options(twoduty.vocabulary().assessment_statuses, false, "TD Assessment"),
		},
	],
};
