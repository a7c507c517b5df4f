// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Vertical Reach"] = {
	// stored text (problems, names) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		twoduty.filters.year(),
		{ fieldname: "quarter", label: __("Quarter"), fieldtype: "Select", options: ["", "1", "2", "3", "4"] },
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
	],
};
