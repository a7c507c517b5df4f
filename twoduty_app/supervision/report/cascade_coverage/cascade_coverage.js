// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Cascade Coverage"] = {
	// stored text (unit names) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		twoduty.filters.year(),
		twoduty.filters.county(),
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
	],
};
