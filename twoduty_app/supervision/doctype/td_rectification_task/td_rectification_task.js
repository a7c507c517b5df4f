// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

const TD_LIGHT_COLOURS = { "On Track": "green", "Due Soon": "yellow", Overdue: "red" };

frappe.ui.form.on("TD Rectification Task", {
	refresh(frm) {
		if (frm.doc.traffic_light) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator-pill ${TD_LIGHT_COLOURS[frm.doc.traffic_light]}">${__(
					frm.doc.traffic_light
				)}</span> ${__("Deadline", null, "TD Rectification Task")}: ${frappe.datetime.str_to_user(frm.doc.deadline)}`
			);
		}
		if (frm.doc.workflow_state === "Pending Recheck" && frappe.model.can_create("TD Recheck")) {
			frm.add_custom_button(__("Recheck"), () =>
				frappe.new_doc("TD Recheck", { rectification_task: frm.doc.name })
			);
		}
	},
});
