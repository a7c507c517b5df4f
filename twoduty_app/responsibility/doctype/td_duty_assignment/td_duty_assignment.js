// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Duty Assignment", {
	refresh(frm) {
		const v = twoduty.vocabulary();
		if (frm.is_new() || frm.doc.workflow_state === v.signed) return;
		if (!twoduty.has_any_role([v.unit_head_role])) return;
		frm.add_custom_button(__("Send Back to the County"), () =>
			frappe.prompt(
				{ fieldname: "comment", fieldtype: "Small Text", label: __("What should change"), reqd: 1 },
				(values) =>
					frm.call("return_to_county", { comment: values.comment }).then(() => {
						frappe.show_alert({ message: __("Sent back to the county"), indicator: "green" });
						frm.reload_doc();
					}),
				__("Send Back to the County")
			)
		);
	},
});
