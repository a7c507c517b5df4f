// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Assessment Scheme", {
	refresh(frm) {
		if (frm.is_new() || !twoduty.is_admin()) return;
		frm.add_custom_button(__("Generate the Year's Assessments"), () =>
			frappe
				.call("twoduty_app.api.assessment.generate", { year: frm.doc.year })
				.then(() => frappe.show_alert({ message: __("The assessments are being generated."), indicator: "blue" }))
		);
		if (!frm.doc.year_closed)
			frm.add_custom_button(__("Close the Year"), () =>
				frappe.confirm(__("Close the year? Its records then change only through an approved late change."), () =>
					frm.call("close_year").then(() => frm.reload_doc())
				)
			);
		frm.add_custom_button(__("Draw Up Next Year's Scheme"), () =>
			frappe
				.call("twoduty_app.api.assessment.make_scheme", { year: frm.doc.year + 1, copy_from: frm.doc.year })
				.then((r) => frappe.set_route("Form", "TD Assessment Scheme", r.message))
		);
	},
});
