// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

// The server says which actions the reader may take now (`__onload.actions`) and checks them again.
frappe.ui.form.on("TD Accountability Case", {
	setup(frm) {
		frm.set_query("source_doctype", "sources", () => ({
			filters: { name: ["in", (frm.doc.__onload || {}).source_doctypes || []] },
		}));
	},
	refresh(frm) {
		const onload = frm.doc.__onload || {};
		if (onload.kept) {
			// decided: kept as decided, nothing to edit (the server refuses it anyway)
			frm.disable_save();
			frm.set_read_only();
		}
		const labels = {
			start_investigation: __("Start Investigation"),
			fill_lines: __("Propose Both Lines"),
			decide: __("Decide"),
			close_case: __("Close the Case"),
		};
		for (const action of onload.actions || []) {
			frm.add_custom_button(labels[action], () => run_action(frm, action));
		}
	},
});

function run_action(frm, action) {
	const call = () =>
		frm.call(action).then((r) => {
			if (action === "fill_lines") {
				frappe.show_alert({
					message: __("{0} rows proposed", [r.message || 0]),
					indicator: "green",
				});
			}
			frm.reload_doc();
		});
	const kept = (frm.doc.__onload || {}).kept;
	const go = () => (frm.is_dirty() && !kept ? frm.save().then(call) : call());
	if (action === "decide") {
		frappe.confirm(
			__("Decide the case on both lines? Its rows can no longer be changed afterwards."),
			go
		);
	} else {
		go();
	}
}
