// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Late Change", {
	refresh(frm) {
		if (frm.is_new() || !twoduty.is_county_staff() || frm.doc.status !== frm.fields_dict.status.df.default) return;
		const decide = (label, method) =>
			frm.add_custom_button(label, () =>
				frappe.prompt({ fieldname: "note", fieldtype: "Small Text", label: __("Decision Note") }, (values) =>
					frm.call(method, { note: values.note }).then(() => frm.reload_doc())
				)
			);
		decide(__("Approve Late Change"), "approve");
		decide(__("Refuse Late Change"), "refuse");
	},
});
