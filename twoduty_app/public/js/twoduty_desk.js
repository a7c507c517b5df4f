// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt
// Shared by the app's desk scripts (forms, lists, reports, the unit tree). The vocabulary comes from the
// server (`frappe.boot.twoduty`, see twoduty_app/common/vocabulary.py): no list of values is typed here.

frappe.provide("twoduty");

twoduty.vocabulary = () => frappe.boot.twoduty || {};

// Select options with translated labels (in `context`, a doctype, when given); a blank first option unless
// `required`
twoduty.options = (values, required = false, context = null) =>
	(required ? [] : [""])
		.concat(values || [])
		.map((value) => ({ value, label: value ? __(value, null, context) : "" }));

twoduty.has_any_role = (roles) => (roles || []).some((role) => frappe.user_roles.includes(role));
twoduty.is_county_staff = () => twoduty.has_any_role(twoduty.vocabulary().county_staff_roles);
twoduty.is_admin = () => twoduty.has_any_role(twoduty.vocabulary().admin_roles);

// Report filters used by several reports
twoduty.filters = {
	year: () => ({
		fieldname: "year",
		label: __("Year"),
		fieldtype: "Int",
		default: twoduty.vocabulary().year,
		reqd: 1,
	}),
	unit: () => ({ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "TD Unit" }),
	department_category: () => ({
		fieldname: "department_category",
		label: __("Department Category"),
		fieldtype: "Select",
		options: twoduty.options(twoduty.vocabulary().department_categories),
	}),
	// a task's state, offered as the task workflow's own states
	workflow_state: () => ({
		fieldname: "workflow_state",
		label: __("Workflow State"),
		fieldtype: "Select",
		options: twoduty.options(twoduty.vocabulary().task_states),
	}),
	county: () => ({
		fieldname: "county",
		label: __("County"),
		fieldtype: "Link",
		options: "TD Unit",
		get_query: () => ({ filters: { unit_type: twoduty.vocabulary().county } }),
	}),
};

// Interviews and inspections: every problem without a task becomes an issued rectification task
twoduty.add_create_tasks_button = (frm, table) => {
	const open_rows = (frm.doc[table] || []).filter((row) => !row.rectification_task);
	if (!open_rows.length) return;
	frm.add_custom_button(__("Create Rectification Tasks"), () =>
		frm.call("create_rectification_tasks").then((r) => {
			frappe.show_alert({
				message: __("{0} rectification tasks issued", [(r.message || []).length]),
				indicator: "green",
			});
			frm.reload_doc();
		})
	);
};

// The indicator of a task: its traffic light while open, its state otherwise
twoduty.task_indicator = (doc) => {
	const v = twoduty.vocabulary();
	if (doc.paused) return [__("Suspended"), "gray", "paused,=,1"];
	if (doc.traffic_light) {
		return [__(doc.traffic_light), v.light_colours[doc.traffic_light], `traffic_light,=,${doc.traffic_light}`];
	}
	const colour = v.state_colours[doc.workflow_state] || v.open_state_colour;
	return [__(doc.workflow_state), colour, `workflow_state,=,${doc.workflow_state}`];
};
