// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Education Activity", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.confirmed || !twoduty.is_county_staff()) return;
		frm.add_custom_button(__("Confirm the Record"), () =>
			frm.call("confirm").then(() => frm.reload_doc())
		);
	},
});
