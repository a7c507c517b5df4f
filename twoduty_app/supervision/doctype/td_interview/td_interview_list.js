// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["TD Interview"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = { Planned: "orange", Held: "blue", "Following Up": "yellow", Closed: "green" };
		return [__(doc.status), colours[doc.status], `status,=,${doc.status}`];
	},
};
