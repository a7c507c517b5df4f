// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["TD Accountability Case"] = {
	get_indicator(doc) {
		const colours = twoduty.vocabulary().case_status_colours || {};
		return [__(doc.status), colours[doc.status] || "gray", "status,=," + doc.status];
	},
};
