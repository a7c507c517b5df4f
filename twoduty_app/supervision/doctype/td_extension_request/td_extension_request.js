// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Extension Request", {
	refresh(frm) {
		const v = twoduty.vocabulary();
		if (frm.is_new() || frm.doc.status !== v.extension_pending || !twoduty.is_county_staff()) return;
		const decide = (method, reqd) =>
			frappe.prompt(
				{ fieldname: "comment", fieldtype: "Small Text", label: __("Decision Comment"), reqd },
				(values) => frm.call(method, { comment: values.comment }).then(() => frm.reload_doc())
			);
		frm.add_custom_button(__("Approve Extension"), () => decide("approve", 0));
		frm.add_custom_button(__("Refuse Extension"), () => decide("refuse", 1));
	},
});
