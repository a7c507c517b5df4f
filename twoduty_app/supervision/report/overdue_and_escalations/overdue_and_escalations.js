// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue and Escalations"] = {
	// stored text (problems, names) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		{ ...twoduty.filters.year(), reqd: 0, default: null },
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
		twoduty.filters.workflow_state(),
	],
};
