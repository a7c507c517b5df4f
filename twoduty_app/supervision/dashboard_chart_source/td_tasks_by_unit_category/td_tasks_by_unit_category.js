// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["TD Tasks by Unit Category"] = {
	method: "twoduty_app.api.dashboard.tasks_by_unit_category",
	filters: [],
};
