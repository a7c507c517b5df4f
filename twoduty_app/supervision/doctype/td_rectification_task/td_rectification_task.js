// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Rectification Task", {
	refresh(frm) {
		const v = twoduty.vocabulary();
		const left = (frm.doc.__onload || {}).working_days_left;
		const days_left =
			left === undefined || left === null ? "" : " · " + __("{0} working days left", [left]);
		if (frm.doc.paused) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator-pill gray">${__("Suspended")}</span> ${frappe.utils.escape_html(frm.doc.pause_reason || "")}`
			);
		} else if (frm.doc.traffic_light) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator-pill ${v.light_colours[frm.doc.traffic_light]}">${__(
					frm.doc.traffic_light
				)}</span> ${__("Rectification Deadline")}: ${frappe.datetime.str_to_user(frm.doc.deadline)}${days_left}`
			);
		}
		if (!frm.is_new() && v.unit_turn_states.includes(frm.doc.workflow_state)) {
			add_deadline_buttons(frm);
		}
		if (frm.doc.workflow_state === v.pending_recheck && frappe.model.can_create("TD Recheck")) {
			frm.add_custom_button(__("Recheck"), () =>
				frappe.new_doc("TD Recheck", { rectification_task: frm.doc.name })
			);
		}
	},
	// 撤销 needs its reason: asked here, and the task is revoked with it on the server
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Revoke Task") return;
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			const dialog = frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Revocation"), reqd: 1 },
				(values) =>
					frm
						.call("revoke", { reason: values.reason })
						.then(() => frm.reload_doc())
						.finally(() => reject()),
				__("Revoke Task"),
				__("Revoke Task")
			);
			dialog.onhide = () => reject();
		});
	},
});

// 延期申请 for the unit; suspension and resumption for the county
function add_deadline_buttons(frm) {
	const ask = (fields, method) =>
		frappe.prompt(fields, (values) => frm.call(method, values).then(() => frm.reload_doc()));
	if (twoduty.is_county_staff()) {
		if (frm.doc.paused) {
			frm.add_custom_button(__("Resume the Task"), () => frm.call("resume").then(() => frm.reload_doc()), __("Rectification Deadline"));
		} else {
			frm.add_custom_button(
				__("Suspend the Task"),
				() => ask([{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Suspension"), reqd: 1 }], "suspend"),
				__("Rectification Deadline")
			);
		}
	} else if (!frm.doc.paused && frm.has_perm("write")) {
		frm.add_custom_button(
			__("Request Extension"),
			() =>
				ask(
					[
						{ fieldname: "new_deadline", fieldtype: "Date", label: __("Requested Deadline"), reqd: 1 },
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					],
					"request_extension"
				),
			__("Rectification Deadline")
		);
	}
}
