// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.treeview_settings["TD Unit"] = {
	breadcrumb: __("Two Duties"),
	title: __("TD Unit"),
	get_tree_root: false,
	root_label: __("All Units"),
	filters: [],
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "unit_type",
			label: __("Unit Type"),
			reqd: true,
			options: [
				"Township",
				"County Department",
				"Village",
				"Community",
				"Grassroots Station",
				"Internal Section",
			].map((value) => ({ value, label: __(value) })),
		},
		{
			fieldtype: "Select",
			fieldname: "department_category",
			label: __("Department Category"),
			depends_on: "eval:doc.unit_type=='County Department'",
			options: ["", "Government Department", "Party and Mass Organization", "Stationed Unit"].map(
				(value) => ({ value, label: __(value) })
			),
		},
	],
	ignore_fields: ["parent_td_unit"],
};
