// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["TD Rectification Task"] = {
	add_fields: ["traffic_light", "workflow_state", "deadline"],
	get_indicator(doc) {
		const colours = { "On Track": "green", "Due Soon": "yellow", Overdue: "red" };
		if (doc.traffic_light) {
			return [__(doc.traffic_light), colours[doc.traffic_light], `traffic_light,=,${doc.traffic_light}`];
		}
		const done = { Closed: "blue", Cancelled: "gray", Draft: "gray" };
		return [__(doc.workflow_state), done[doc.workflow_state] || "orange", `workflow_state,=,${doc.workflow_state}`];
	},
};
