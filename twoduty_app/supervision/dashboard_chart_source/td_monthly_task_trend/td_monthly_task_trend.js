// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["TD Monthly Task Trend"] = {
	method: "twoduty_app.api.dashboard.monthly_trend",
	filters: [],
};
