// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["TD Interview"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = twoduty.vocabulary().interview_status_colours;
		return [__(doc.status, null, "TD Interview"), colours[doc.status], `status,=,${doc.status}`];
	},
};
