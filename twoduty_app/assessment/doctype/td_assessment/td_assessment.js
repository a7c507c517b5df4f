// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("TD Assessment", {
	refresh(frm) {
		const v = twoduty.vocabulary();
		const status = frm.doc.status;
		const statuses = v.assessment_statuses || [];
		const [draft, self_assessed, under_review] = statuses;
		frm.page.set_indicator(__(status, null, "TD Assessment"), (v.assessment_status_colours || {})[status]);
		// what each side may change: the unit its self-scores while a draft, the county its team
		const county = twoduty.is_county_staff();
		const own_turn = frm.doc.docstatus === 0 && status === draft && !county;
		["self_score", "self_explanation"].forEach((field) =>
			frm.fields_dict.scores.grid.update_docfield_property(field, "read_only", own_turn ? 0 : 1)
		);
		frm.set_df_property("assessors", "read_only", county && frm.doc.docstatus === 0 ? 0 : 1);
		frm.set_df_property("scores", "cannot_add_rows", 1);
		frm.set_df_property("scores", "cannot_delete_rows", 1);
		if (frm.doc.docstatus !== 0) return;
		const act = (label, method, confirm) =>
			frm.add_custom_button(label, () => {
				const run = () => frm.call(method).then(() => frm.reload_doc());
				confirm ? frappe.confirm(confirm, run) : run();
			});
		if (status === draft && !county)
			act(__("Submit Self-Assessment"), "submit_self_assessment", __("Submit the self-assessment? It no longer changes afterwards."));
		if (county && (status === draft || status === self_assessed))
			act(__("Refresh Automatic Scores"), "refresh_automatic");
		if (county && status === self_assessed) act(__("Start Review"), "start_review");
		if (county && (status === self_assessed || status === under_review))
			act(__("Return to the Unit"), "return_to_unit");
		if (status === under_review && (frm.doc.assessors || []).some((r) => r.assessor === frappe.session.user))
			frm.add_custom_button(__("Enter My Scores"), () => twoduty.assessment_scores_dialog(frm));
		if (status === under_review && twoduty.is_admin())
			act(__("Finalise"), "finalise", __("Finalise the assessment? A finalised assessment no longer changes."));
	},
});

twoduty.assessment_scores_dialog = (frm) => {
	const mine = {};
	(frm.doc.team_scores || [])
		.filter((r) => r.assessor === frappe.session.user)
		.forEach((r) => (mine[r.indicator_no] = r));
	const fields = [];
	(frm.doc.scores || []).forEach((row) => {
		fields.push({
			fieldtype: "Float",
			fieldname: `score_${row.indicator_no}`,
			label: `${row.indicator_no}. ${row.indicator} (${row.points})`,
			default: mine[row.indicator_no] ? mine[row.indicator_no].score : row.auto_score || 0,
			description: row.figures || "",
		});
		fields.push({
			fieldtype: "Data",
			fieldname: `comment_${row.indicator_no}`,
			label: __("Comment"),
			default: mine[row.indicator_no] ? mine[row.indicator_no].comment : "",
		});
	});
	const dialog = new frappe.ui.Dialog({
		title: __("Enter My Scores"),
		fields,
		primary_action_label: __("Save"),
		primary_action(values) {
			const scores = (frm.doc.scores || []).map((row) => ({
				indicator_no: row.indicator_no,
				score: values[`score_${row.indicator_no}`],
				comment: values[`comment_${row.indicator_no}`] || "",
			}));
			frm.call("save_team_scores", { scores }).then(() => {
				dialog.hide();
				frm.reload_doc();
			});
		},
	});
	dialog.show();
};
