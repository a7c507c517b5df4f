// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Vertical Reach"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear(), reqd: 1 },
		{ fieldname: "quarter", label: __("Quarter"), fieldtype: "Select", options: ["", "1", "2", "3", "4"] },
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "TD Unit" },
		{ fieldname: "department_category", label: __("Department Category"), fieldtype: "Select", options: ["", "Government Department", "Party and Mass Organization", "Stationed Unit"].map((v) => ({ value: v, label: __(v) })) },
	],
};
