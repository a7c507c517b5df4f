// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue and Escalations"] = {
	filters: [
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "TD Unit" },
		{ fieldname: "department_category", label: __("Department Category"), fieldtype: "Select", options: ["", "Government Department", "Party and Mass Organization", "Stationed Unit"].map((v) => ({ value: v, label: __(v) })) },
	],
};
