// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Interview", {
	refresh(frm) {
		if (frm.is_new() || !frm.has_perm("write")) return;
		if (frm.doc.status === "Planned") {
			frm.add_custom_button(__("Record as Held"), () =>
				frm.call("mark_held").then(() => frm.reload_doc())
			);
		}
		const open_issues = (frm.doc.issues || []).filter((row) => !row.rectification_task);
		if (frm.doc.status !== "Planned" && open_issues.length) {
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
