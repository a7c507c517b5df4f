// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Accountability Ledger"] = {
	// stored text (names, failures) shown as text, see twoduty_desk.js
	formatter: twoduty.report_formatter,
	filters: [
		{ ...twoduty.filters.year(), reqd: 0 },
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
		{
			fieldname: "trigger",
			label: __("Trigger"),
			fieldtype: "Select",
			options: twoduty.options(twoduty.vocabulary().case_triggers, false, "TD Accountability Case"),
		},
		{
			fieldname: "handling",
			label: __("Decided Handling"),
			fieldtype: "Select",
			options: twoduty.options(twoduty.vocabulary().handlings),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: twoduty.options(twoduty.vocabulary().case_statuses, false, "TD Accountability Case"),
		},
		{ fieldname: "missing_line", label: __("Only Cases Missing a Line"), fieldtype: "Check" },
	],
};
