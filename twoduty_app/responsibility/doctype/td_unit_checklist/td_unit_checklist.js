// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Unit Checklist", {
	refresh(frm) {
		const county = ["TwoDuty Admin", "TwoDuty Inspector"].some((r) => frappe.user_roles.includes(r));
		const waiting = (frm.doc.lines || []).filter((l) => l.status && !l.confirmed).length;
		if (!frm.is_new() && county && waiting) {
			frm.add_custom_button(__("Confirm Answered Lines"), () =>
				frm.call("confirm").then(() => frm.reload_doc())
			);
		}
	},
});
