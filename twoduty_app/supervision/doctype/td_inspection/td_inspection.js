// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Inspection", {
	refresh(frm) {
		if (frm.is_new() || !frm.has_perm("write")) return;
		twoduty.add_create_tasks_button(frm, "findings");
	},
});
