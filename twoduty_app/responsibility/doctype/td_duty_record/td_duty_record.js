// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Duty Record", {
	refresh(frm) {
		if (frm.is_new()) return;
		const roles = frappe.user_roles;
		const county = ["TwoDuty Admin", "TwoDuty Inspector"].some((r) => roles.includes(r));
		if (frm.doc.review_status !== "Reviewed" && (county || roles.includes("TwoDuty Discipline Secretary"))) {
			frm.add_custom_button(__("Review"), () =>
				frappe.prompt(
					{ fieldname: "comment", fieldtype: "Small Text", label: __("Review Comment"), reqd: 1 },
					(values) => frm.call("review", { comment: values.comment }).then(() => frm.reload_doc()),
					__("Review")
				)
			);
		}
		if (county && frm.doc.is_late && frm.doc.late_approval === "Pending") {
			frm.add_custom_button(__("Approve Late Entry"), () =>
				frm.call("approve_late_entry", { approve: 1 }).then(() => frm.reload_doc())
			);
			frm.add_custom_button(__("Reject Late Entry"), () =>
				frm.call("approve_late_entry", { approve: 0 }).then(() => frm.reload_doc())
			);
		}
		if (frm.doc.is_late) {
			frm.dashboard.set_headline_alert(
				__("Late entry: it counts only after the county approves it."),
				frm.doc.counts ? "green" : "orange"
			);
		}
	},
});
