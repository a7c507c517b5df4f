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
			options: twoduty.options(twoduty.vocabulary().subunit_types, true),
		},
		{
			fieldtype: "Select",
			fieldname: "department_category",
			label: __("Department Category"),
			depends_on: `eval:doc.unit_type=="${twoduty.vocabulary().department}"`,
			options: twoduty.options(twoduty.vocabulary().department_categories),
		},
	],
	ignore_fields: ["parent_td_unit"],
};
