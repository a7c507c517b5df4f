// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["TD Rectification Task"] = {
	add_fields: ["traffic_light", "workflow_state", "deadline", "paused"],
	get_indicator: (doc) => twoduty.task_indicator(doc),
};
