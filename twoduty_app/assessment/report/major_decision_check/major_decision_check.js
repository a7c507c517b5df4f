// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Major Decision Check"] = {
	// stored text (subjects, reasons) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		twoduty.filters.year(),
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
		{
			fieldname: "flagged_only",
			label: __("Flagged Only"),
			fieldtype: "Check",
			default: 0,
		},
	],
};
