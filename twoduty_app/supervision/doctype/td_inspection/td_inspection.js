// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Inspection", {
	refresh(frm) {
		if (frm.is_new() || !frm.has_perm("write")) return;
		const open_findings = (frm.doc.findings || []).filter((row) => !row.rectification_task);
		if (open_findings.length) {
			frm.add_custom_button(__("Create Rectification Tasks"), () =>
				frm.call("create_rectification_tasks").then((r) => {
					frappe.show_alert({
						message: __("{0} rectification tasks issued", [(r.message || []).length]),
						indicator: "green",
					});
					frm.reload_doc();
				})
			);
		}
	},
});
