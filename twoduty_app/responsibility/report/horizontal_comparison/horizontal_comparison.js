// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Horizontal Comparison"] = {
	filters: [twoduty.filters.year(), twoduty.filters.unit()],
};
