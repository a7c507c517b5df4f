// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Duty Record", {
	refresh(frm) {
		if (frm.is_new()) return;
		const v = twoduty.vocabulary();
		const county = twoduty.is_county_staff();
		if (frm.doc.review_status !== v.reviewed && (county || twoduty.has_any_role([v.discipline_secretary_role]))) {
			frm.add_custom_button(__("Review", null, "TD Duty Record"), () =>
				frappe.prompt(
					{ fieldname: "comment", fieldtype: "Small Text", label: __("Review Comment"), reqd: 1 },
					(values) => frm.call("review", { comment: values.comment }).then(() => frm.reload_doc()),
					__("Review", null, "TD Duty Record")
				)
			);
		}
		if (county && frm.doc.is_late && frm.doc.late_approval === v.late_pending) {
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
