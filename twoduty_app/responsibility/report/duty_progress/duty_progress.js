// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Duty Progress"] = {
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
