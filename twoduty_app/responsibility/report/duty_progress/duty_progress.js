// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Duty Progress"] = {
	// stored text (problems, names) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		twoduty.filters.year(),
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
		{
			fieldname: "group_by",
			label: __("Group By", null, "Duty Progress"),
			fieldtype: "Select",
			options: [
				{ value: "Unit", label: __("Unit") },
				{ value: "Person", label: __("Person") },
			],
			default: "Unit",
		},
	],
};
