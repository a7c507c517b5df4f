// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Interview Coverage"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear(), reqd: 1 },
		{ fieldname: "county", label: __("County"), fieldtype: "Link", options: "TD Unit", get_query: () => ({ filters: { unit_type: "County" } }) },
	],
};
