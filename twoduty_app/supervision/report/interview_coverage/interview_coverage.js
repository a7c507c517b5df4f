// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Interview Coverage"] = {
	filters: [
		twoduty.filters.year(),
		twoduty.filters.county(),
		twoduty.filters.unit(),
		twoduty.filters.department_category(),
	],
};
