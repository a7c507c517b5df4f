// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Unit Checklist", {
	refresh(frm) {
		if (frm.is_new()) return;
		add_chart_buttons(frm);
		if (!twoduty.is_county_staff()) return;
		const waiting = (frm.doc.lines || []).filter((l) => l.status && !l.confirmed);
		if (waiting.length) {
			frm.add_custom_button(__("Review Lines"), () => review_lines(frm, waiting));
		}
		const v = twoduty.vocabulary();
		const found_not_met = (frm.doc.lines || []).filter(
			(l) =>
				l.confirmed &&
				!l.rectification_task &&
				((l.verdict === v.verdict_confirmed && l.status === v.not_met) ||
					(l.verdict === v.verdict_overruled && l.status === v.met))
		);
		if (found_not_met.length) {
			frm.add_custom_button(__("Create Rectification Tasks"), () =>
				frappe.prompt(
					[{ fieldname: "deadline", fieldtype: "Date", label: __("Rectification Deadline"), reqd: 1 }],
					(values) =>
						frappe
							.call("twoduty_app.api.checklists.create_rectification_tasks", {
								checklist: frm.doc.name,
								deadline: values.deadline,
							})
							.then((r) => {
								frappe.show_alert({
									message: __("{0} rectification tasks issued", [(r.message || []).length]),
									indicator: "green",
								});
								frm.reload_doc();
							}),
					__("Create Rectification Tasks")
				)
			);
		}
	},
});

frappe.ui.form.on("TD Unit Checklist Line", {
	open_chart(frm, cdt, cdn) {
		open_chart(frm, locals[cdt][cdn].generated_chart);
	},
});

// the charts the app draws from the unit's data (七类图表): one button each, opening the PDF in Chinese
function add_chart_buttons(frm) {
	const charts = [...new Set((frm.doc.lines || []).map((l) => l.generated_chart).filter(Boolean))];
	for (const chart of charts) {
		frm.add_custom_button(__(chart), () => open_chart(frm, chart), __("Generate Chart"));
	}
}

function open_chart(frm, chart) {
	const format = twoduty.vocabulary().chart_print_formats[chart];
	if (!format) return;
	const params = new URLSearchParams({ doctype: frm.doc.doctype, name: frm.doc.name, format, language: "zh" });
	window.open(`/api/method/frappe.utils.print_format.download_pdf?${params}`);
}

// one row per answered line: confirm it, or overrule it with a reason
function review_lines(frm, lines) {
	const v = twoduty.vocabulary();
	const dialog = new frappe.ui.Dialog({
		title: __("Review Lines"),
		size: "extra-large",
		fields: [
			{
				fieldname: "verdicts",
				fieldtype: "Table",
				cannot_add_rows: true,
				in_place_edit: true,
				data: lines.map((l) => ({ row: l.name, item_text: l.item_text, status: __(l.status) })),
				fields: [
					{ fieldname: "row", fieldtype: "Data", hidden: 1 },
					{ fieldname: "item_text", fieldtype: "Data", label: __("Checklist Item"), read_only: 1, in_list_view: 1, columns: 4 },
					{ fieldname: "status", fieldtype: "Data", label: __("Unit's Answer"), read_only: 1, in_list_view: 1, columns: 1 },
					{
						fieldname: "verdict",
						fieldtype: "Select",
						label: __("County's Verdict"),
						options: twoduty.options(v.verdicts, false, "TD Unit Checklist Line"),
						in_list_view: 1,
						columns: 2,
					},
					{ fieldname: "reason", fieldtype: "Data", label: __("Reason of the Verdict"), in_list_view: 1, columns: 3 },
				],
			},
		],
		primary_action_label: __("Save the Review"),
		primary_action(values) {
			const verdicts = (values.verdicts || []).filter((d) => d.verdict);
			frm.call("review", { verdicts }).then(() => {
				dialog.hide();
				frm.reload_doc();
			});
		},
	});
	dialog.show();
}
