// Copyright (c) 2026, twoduty_app developers and contributors
// For license information, please see license.txt
// Shared by the app's desk scripts (forms, lists, reports, the unit tree). The vocabulary comes from the
// server (`frappe.boot.twoduty`, see twoduty_app/common/vocabulary.py): no list of values is typed here.

frappe.provide("twoduty");

twoduty.vocabulary = () => frappe.boot.twoduty || {};

// Select options with translated labels (in `context`, a doctype, when given); a blank first option unless
// `required`
twoduty.options = (values, required = false, context = null) =>
	(required ? [] : [""])
		.concat(values || [])
		.map((value) => ({ value, label: value ? __(value, null, context) : "" }));

twoduty.has_any_role = (roles) => (roles || []).some((role) => frappe.user_roles.includes(role));
twoduty.is_county_staff = () => twoduty.has_any_role(twoduty.vocabulary().county_staff_roles);
twoduty.is_admin = () => twoduty.has_any_role(twoduty.vocabulary().admin_roles);

// Report filters used by several reports
twoduty.filters = {
	year: () => ({
		fieldname: "year",
		label: __("Year"),
		fieldtype: "Int",
		default: twoduty.vocabulary().year,
		reqd: 1,
	}),
	unit: () => ({ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "TD Unit" }),
	department_category: () => ({
		fieldname: "department_category",
		label: __("Department Category"),
		fieldtype: "Select",
		options: twoduty.options(twoduty.vocabulary().department_categories),
	}),
	// a task's state, offered as the task workflow's own states
	workflow_state: () => ({
		fieldname: "workflow_state",
		label: __("Workflow State"),
		fieldtype: "Select",
		options: twoduty.options(twoduty.vocabulary().task_states),
	}),
	county: () => ({
		fieldname: "county",
		label: __("County"),
		fieldtype: "Link",
		options: "TD Unit",
		get_query: () => ({ filters: { unit_type: twoduty.vocabulary().county } }),
	}),
};

// Interviews and inspections: every problem without a task becomes an issued rectification task
twoduty.add_create_tasks_button = (frm, table) => {
	const open_rows = (frm.doc[table] || []).filter((row) => !row.rectification_task);
	if (!open_rows.length) return;
	frm.add_custom_button(__("Create Rectification Tasks"), () =>
		frm.call("create_rectification_tasks").then((r) => {
			frappe.show_alert({
				message: __("{0} rectification tasks issued", [(r.message || []).length]),
				indicator: "green",
			});
			frm.reload_doc();
		})
	);
};

// The indicator of a task: its traffic light while open, its state otherwise
twoduty.task_indicator = (doc) => {
	const v = twoduty.vocabulary();
	if (doc.paused) return [__("Suspended"), "gray", "paused,=,1"];
	if (doc.traffic_light) {
		return [__(doc.traffic_light), v.light_colours[doc.traffic_light], `traffic_light,=,${doc.traffic_light}`];
	}
	const colour = v.state_colours[doc.workflow_state] || v.open_state_colour;
	return [__(doc.workflow_state), colour, `workflow_state,=,${doc.workflow_state}`];
};

// A plain-text field of the app's doctypes (Data, Small Text, Text) is shown as text. Frappe's formatters
// insert such a value as HTML, trusting its save filter; a submitted record, an import or a patch stores a
// value without it, and the filter keeps an <img> as an element. Rich text (Text Editor) stays HTML.
twoduty.PLAIN_TEXT_TYPES = ["Data", "Small Text", "Text", "Long Text", "Read Only"];
twoduty.as_text = (value, df, options, doc) =>
	// no df for Frappe's formatter: it would call this one again (docfield_map holds it)
	frappe.form.get_formatter(df.fieldtype)(
		frappe.utils.escape_html(value == null ? "" : String(value)),
		null,
		options,
		doc
	);

// Rich text shown without what would run: scripts and frames, event handlers, javascript: links (Frappe
// filters it on save only, like plain text)
twoduty.without_scripts = (html) => {
	const body = new DOMParser().parseFromString(html || "", "text/html").body;
	body.querySelectorAll("script, iframe, object, embed, base, meta, link").forEach((el) => el.remove());
	body.querySelectorAll("*").forEach((el) => {
		for (const { name, value } of [...el.attributes]) {
			if (name.startsWith("on") || /^\s*javascript:/i.test(value)) el.removeAttribute(name);
		}
	});
	return body.innerHTML;
};
twoduty.as_rich_text = (value, df, options, doc) =>
	frappe.form.get_formatter(df.fieldtype)(twoduty.without_scripts(value), null, options, doc);

(() => {
	const add_field = frappe.meta.add_field;
	frappe.meta.add_field = function (df) {
		if (
			df &&
			(df.parent || "").startsWith("TD ") &&
			twoduty.PLAIN_TEXT_TYPES.includes(df.fieldtype) &&
			df.options !== "URL" &&
			!df.formatter
		) {
			df.formatter = twoduty.as_text;
		} else if (df && (df.parent || "").startsWith("TD ") && df.fieldtype === "Text Editor" && !df.formatter) {
			df.formatter = twoduty.as_rich_text;
		}
		return add_field.apply(this, arguments);
	};
})();

// The app's own records (doctypes named "TD …") wherever Frappe lists them by title or value and inserts
// that as HTML: a Link field's dropdown (also in list filters), its Advanced Search dialog, the list
// sidebar's group-by counts and the query reports' cells. A stored name holding markup shows as text there.
twoduty.is_app_doctype = (doctype) => (doctype || "").startsWith("TD ");

// A Link field's dropdown: as Frappe draws it (form/controls/link.js, `item`) with the title and the
// description escaped; Frappe's own entries (create, advanced search, filter description) carry `html`
(() => {
	const ControlLink = frappe.ui.form.ControlLink;
	const setup = ControlLink.prototype.setup_awesomeplete;
	ControlLink.prototype.setup_awesomeplete = function () {
		setup.apply(this, arguments);
		const control = this;
		const draw = this.awesomplete.item;
		this.awesomplete.item = function (item) {
			const d = this.get_item(item.value);
			if (!d || d.html || !twoduty.is_app_doctype(control.get_options())) return draw.apply(this, arguments);
			const label = control.get_translated(d.label || d.value);
			let html = `<strong>${frappe.utils.escape_html(label)}</strong>`;
			if (d.description && (control.is_title_link() || d.value !== d.description)) {
				html += `<br><span class="small">${frappe.utils.escape_html(__(d.description))}</span>`;
			}
			return $(`<div role="option">`)
				.on("click", (event) => control.awesomplete.select(event.currentTarget, event.currentTarget))
				.data("item.autocomplete", d)
				.prop("aria-selected", "false")
				.html(`<p title="${frappe.utils.escape_html(label)}">${html}</p>`)
				.get(0);
		};
	};

	// Advanced Search (form/link_selector.js) shows each row's fields after its name as HTML (a name
	// cannot hold < or >, Frappe refuses it)
	const link_search = frappe.link_search;
	frappe.link_search = function (doctype, args, callback, btn) {
		if (!callback || !twoduty.is_app_doctype(doctype)) return link_search.apply(this, arguments);
		const as_text = (rows) =>
			(rows || []).map((row) =>
				Array.isArray(row)
					? [row[0], ...row.slice(1).map((v) => (v == null ? v : frappe.utils.escape_html(String(v))))]
					: row
			);
		return link_search.call(this, doctype, args, (rows) => callback(as_text(rows)), btn);
	};

	// the list sidebar's group-by counts (list/list_sidebar_group_by.js): a Data field's values as text, the
	// filter still set to the stored value itself
	const ListGroupBy = frappe.views.ListGroupBy;
	const dropdown_html = ListGroupBy.prototype.get_dropdown_html;
	ListGroupBy.prototype.get_dropdown_html = function (field, fieldtype, applied = false) {
		// Frappe's own labels: "Not Set", "Me", "Yes"/"No"
		const own_label = field.name == null || field.name === frappe.session.user || fieldtype === "Check";
		if (own_label || !twoduty.is_app_doctype(this.doctype)) return dropdown_html.apply(this, arguments);
		const name = frappe.utils.escape_html(field.name);
		const label = frappe.utils.escape_html(__(field.name));
		const applied_html = applied
			? `<span class="applied"> ${frappe.utils.icon("tick", "xs")} </span>`
			: "";
		const value = encodeURIComponent(field.name);
		return `<li class="group-by-item ${applied ? "selected" : ""}" data-value="${value}">
			<a class="dropdown-item" href="#" onclick="return false;">
				${applied_html}
				<span class="group-by-value ellipsis" data-name="${name}">${label}</span>
				<span class="group-by-count">${field.count}</span>
			</a>
		</li>`;
	};
})();

// A query report's plain-text cells (a problem, a unit's or a person's name) as text: set as `formatter` by
// every report of the app. Frappe's DataTable inserts a cell's formatted value as HTML; Links, numbers and
// dates keep Frappe's formatters. Excel/CSV exports are built on the server from the rows, unescaped.
twoduty.report_formatter = (value, row, column, data, default_formatter) =>
	default_formatter(
		value != null && twoduty.PLAIN_TEXT_TYPES.includes(column.fieldtype || "Data") && column.options !== "URL"
			? frappe.utils.escape_html(String(value))
			: value,
		row,
		column,
		data
	);

// The chart above such a report draws its labels as text, but its tooltip inserts the label under the
// pointer (a unit's name) as HTML: escaped there
(() => {
	const render_chart = frappe.views.QueryReport.prototype.render_chart;
	frappe.views.QueryReport.prototype.render_chart = function (options) {
		if (options && this.report_settings && this.report_settings.formatter === twoduty.report_formatter) {
			const tooltip = options.tooltipOptions || {};
			const format_x = tooltip.formatTooltipX || ((label) => label);
			options.tooltipOptions = {
				...tooltip,
				formatTooltipX: (label) => frappe.utils.escape_html(String(format_x(label) ?? "")),
			};
		}
		return render_chart.apply(this, arguments);
	};
})();
