// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Duty Progress"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear(), reqd: 1 },
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "TD Unit" },
		{ fieldname: "department_category", label: __("Department Category"), fieldtype: "Select", options: ["", "Government Department", "Party and Mass Organization", "Stationed Unit"].map((v) => ({ value: v, label: __(v) })) },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: [{ value: "Unit", label: __("Unit") }, { value: "Person", label: __("Person") }], default: "Unit" },
	],
};
