// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Rectification Task", {
	refresh(frm) {
		const v = twoduty.vocabulary();
		if (frm.doc.traffic_light) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator-pill ${v.light_colours[frm.doc.traffic_light]}">${__(
					frm.doc.traffic_light
				)}</span> ${__("Deadline", null, "TD Rectification Task")}: ${frappe.datetime.str_to_user(frm.doc.deadline)}`
			);
		}
		if (frm.doc.workflow_state === v.pending_recheck && frappe.model.can_create("TD Recheck")) {
			frm.add_custom_button(__("Recheck"), () =>
				frappe.new_doc("TD Recheck", { rectification_task: frm.doc.name })
			);
		}
	},
});
