// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["TD Duty Assignment"] = {
	add_fields: ["workflow_state", "progress"],
	onload(listview) {
		if (!twoduty.is_admin()) return;
		listview.page.add_inner_button(__("Generate a Year"), () =>
			frappe.prompt(
				{ fieldname: "year", fieldtype: "Int", label: __("Year"), reqd: 1, default: twoduty.vocabulary().year },
				(values) =>
					frappe
						.call("twoduty_app.api.duty.generate_year", { year: values.year })
						.then((r) => {
							const m = r.message || {};
							frappe.show_alert(
								m.queued
									? __("Generation started in the background")
									: __("{0} duty assignments created", [m.created])
							);
							listview.refresh();
						}),
				__("Generate a Year")
			)
		);
	},
};
