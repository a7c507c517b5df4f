// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Major Decision", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.flagged) {
			// the reasons are stored text: shown as text
			const reasons = (frm.doc.flag_reasons || "")
				.split("\n")
				.filter(Boolean)
				.map((r) => `<li>${frappe.utils.escape_html(r)}</li>`)
				.join("");
			frm.set_intro(`<b>${__("This decision was flagged:")}</b><ul>${reasons}</ul>`, "red");
		} else {
			frm.set_intro(__("No problem found: decided collectively, the unit head spoke last."), "green");
		}
		twoduty_confirm_button(frm);
	},
});

function twoduty_confirm_button(frm) {
	if (frm.doc.confirmed || !twoduty.is_county_staff()) return;
	frm.add_custom_button(__("Confirm the Record"), () =>
		frm.call("confirm").then(() => frm.reload_doc())
	);
}
