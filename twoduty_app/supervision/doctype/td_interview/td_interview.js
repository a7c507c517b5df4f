// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Interview", {
	refresh(frm) {
		if (frm.is_new() || !frm.has_perm("write")) return;
		const v = twoduty.vocabulary();
		if (frm.doc.status === v.proposed) {
			if (twoduty.is_county_staff()) {
				frm.add_custom_button(__("Confirm the Interview"), () =>
					frm.call("confirm_plan").then(() => frm.reload_doc())
				);
			}
		} else if (frm.doc.status === v.planned) {
			frm.add_custom_button(__("Record as Held"), () =>
				frm.call("mark_held").then(() => frm.reload_doc())
			);
		} else {
			twoduty.add_create_tasks_button(frm, "issues");
		}
	},
});
