"""Spreadsheets in (Frappe's standard Data Import) for units, duty records and rectification tasks.

An import inserts each row as the importing user, through the same document, permission and scope
rules as a form (Frappe's background job runs as the user who started it). What the app adds:

- who may use Data Import (`grant_data_import_access`, after install and every migrate) and a
  server-side check that the user may import the chosen doctype (Frappe checks it only in the browser);
- Chinese column headers: Frappe matches a header to a field by its label, its label translated into
  the language of whoever first built its (per-doctype, not per-language) header cache, or its
  fieldname. The app's Chinese headers are mapped to their fields explicitly on save, whatever that
  cache holds, and the Chinese words of choice fields (限期整改, 乡镇, 联络员…) are read as their values.
"""

import frappe
from frappe import _

from twoduty_app.common import vocabulary as v

# columns of the app's import templates, by doctype: a field, or `table.field` for a child table
IMPORT_COLUMNS: dict[str, tuple[str, ...]] = {
	"TD Unit": (
		"unit_name",
		"unit_type",
		"parent_td_unit",
		"department_category",
		"party_body",
		"members.user",
		"members.position",
	),
	"TD Duty Record": (
		"title",
		"unit",
		"record_kind",
		"record_date",
		"done_by",
		"duty_items.duty_item",
		"content",
	),
	"TD Rectification Task": (
		"unit",
		"problem",
		"requirement",
		"rectification_kind",
		"issued_on",
		"deadline",
		"responsible_user",
		"measures",
		"workflow_state",
		"closed_on",
	),
	# the registers kept all year (三重一大, 廉政教育): one row a record, more rows for more attendees
	"TD Major Decision": (
		"unit",
		"decision_date",
		"decision_kind",
		"subject",
		"amount",
		"meeting_kind",
		"meeting_date",
		"outcome",
		"attendees.attendee_name",
		"attendees.position",
		"attendees.present",
		"attendees.speaking_order",
		"attendees.opinion",
	),
	"TD Education Activity": (
		"unit",
		"activity_date",
		"activity_kind",
		"topic",
		"attendees.attendee_name",
		"attendees.present",
		"attendees.score",
	),
}
IMPORTABLE_DOCTYPES = tuple(IMPORT_COLUMNS)

# who may open Data Import, and whether only their own imports (Frappe's "Only if Creator")
DATA_IMPORT_ROLES = {v.ROLE_ADMIN: 0, v.ROLE_INSPECTOR: 1, v.ROLE_LIAISON: 1}


# access -------------------------------------------------------------------------------------------


def grant_data_import_access():
	"""Custom DocPerm rows on Data Import for the app's importing roles, created when missing (a county's
	own changes to them are kept). Runs after install and after every migrate."""
	from frappe.permissions import setup_custom_perms

	setup_custom_perms("Data Import")
	changed = False
	for role, only_own in DATA_IMPORT_ROLES.items():
		if frappe.db.exists("Custom DocPerm", {"parent": "Data Import", "role": role, "permlevel": 0}):
			continue
		frappe.get_doc(
			{
				"doctype": "Custom DocPerm",
				"parent": "Data Import",
				"parenttype": "DocType",
				"parentfield": "permissions",
				"role": role,
				"permlevel": 0,
				"if_owner": only_own,
				"read": 1,
				"write": 1,
				"create": 1,
				"delete": 0 if only_own else 1,
				"report": 1,
			}
		).db_insert()
		changed = True
	if changed:
		frappe.clear_cache(doctype="Data Import")


def check_import_allowed(doc, method=None):
	"""Data Import `validate`: the user may import the chosen doctype (its `import` permission). Frappe
	filters the doctype list in the browser only."""
	from frappe.permissions import can_import

	if doc.reference_doctype and not can_import(doc.reference_doctype):
		frappe.throw(
			_("You are not allowed to import {0}.").format(frappe.bold(_(doc.reference_doctype))),
			frappe.PermissionError,
		)


# Chinese headers and values -----------------------------------------------------------------------


def column_field(doctype: str, path: str):
	"""(docfield, the table's docfield or None) of a template column."""
	meta = frappe.get_meta(doctype)
	if "." not in path:
		return meta.get_field(path), None
	table, fieldname = path.split(".", 1)
	table_df = meta.get_field(table)
	return frappe.get_meta(table_df.options).get_field(fieldname), table_df


def chinese_label(label: str, doctype: str) -> str:
	return _(label, lang="zh", context=doctype)


def chinese_header(doctype: str, path: str) -> str:
	"""The column's Chinese header: the field's Chinese label; for a child table, in Frappe's own form
	`label (table label)`."""
	df, table_df = column_field(doctype, path)
	if table_df is None:
		return chinese_label(df.label, doctype)
	return f"{chinese_label(df.label, df.parent)} ({chinese_label(table_df.label, doctype)})"


def template_headers(doctype: str) -> list[str]:
	return [chinese_header(doctype, path) for path in IMPORT_COLUMNS[doctype]]


def chinese_choices(doctype: str, path: str) -> dict[str, str]:
	"""For a choice column (Select, or the workflow state): its Chinese words → the stored values."""
	df, table_df = column_field(doctype, path)
	if df.fieldtype == "Select":
		options = [o for o in (df.options or "").split("\n") if o]
	elif df.fieldtype == "Link" and df.options == "Workflow State":
		from frappe.model.workflow import get_workflow_name

		workflow = get_workflow_name(doctype)
		options = frappe.get_all(
			"Workflow Document State", {"parent": workflow}, pluck="state", order_by="idx"
		)
	else:
		return {}
	context = df.parent if table_df else doctype
	return {chinese_label(o, context): o for o in options if chinese_label(o, context) != o}


def map_chinese_headers(doc, method=None):
	"""Data Import `before_save`: each column of the file headed with one of the app's Chinese headers is
	mapped to its field (a mapping the user made in the form is kept)."""
	if doc.reference_doctype not in IMPORT_COLUMNS or not (doc.import_file or doc.google_sheets_url):
		return
	headers = {chinese_header(doc.reference_doctype, p): p for p in IMPORT_COLUMNS[doc.reference_doctype]}
	options = frappe.parse_json(doc.template_options or "{}")
	mapping = frappe._dict(options.get("column_to_field_map") or {})
	for column in doc.get_importer().import_file.columns:
		path = headers.get((column.header_title or "").strip())
		if path and str(column.index) not in mapping:
			mapping[str(column.index)] = path
	options["column_to_field_map"] = mapping
	doc.template_options = frappe.as_json(options)


def read_chinese_choices(doc, method=None):
	"""Data Import `before_validate`: a file whose choice columns hold their Chinese words (限期整改,
	乡镇, 联络员, 已下达…) is saved once with the stored values in their place, so that Frappe's
	checks and the import read it; rows keep their numbers. The user's own file is left as it was."""
	if doc.reference_doctype not in IMPORT_COLUMNS or not doc.import_file:
		return
	before = doc.get_doc_before_save()
	if before and before.import_file == doc.import_file:
		return
	file = frappe.get_doc("File", {"file_url": doc.import_file})
	extension = (file.get_extension()[1] or "").lstrip(".").lower()
	rows = _read_rows(file.get_content(), extension)
	if not rows:
		return
	header_index = next((i for i, row in enumerate(rows) if any(c not in ("", None) for c in row)), None)
	if header_index is None:
		return
	columns = {}
	for path in IMPORT_COLUMNS[doc.reference_doctype]:
		choices = chinese_choices(doc.reference_doctype, path)
		if not choices:
			continue
		df, table_df = column_field(doc.reference_doctype, path)
		names = {chinese_header(doc.reference_doctype, path), path}
		if table_df is None:
			names.add(df.fieldname)
		for j, header in enumerate(rows[header_index]):
			if isinstance(header, str) and header.strip() in names:
				columns[j] = choices
	replaced = False
	for row in rows[header_index + 1 :]:
		for j, choices in columns.items():
			if j < len(row) and isinstance(row[j], str) and row[j].strip() in choices:
				row[j] = choices[row[j].strip()]
				replaced = True
	if not replaced:
		return
	from frappe.utils.csvutils import to_csv

	converted = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{(file.file_name or 'import').rsplit('.', 1)[0]}.csv",
			"is_private": 1,
			"content": to_csv([["" if c is None else c for c in row] for row in rows]).encode("utf-8"),
			"attached_to_doctype": "Data Import",
			"attached_to_name": doc.name,
			"attached_to_field": "import_file",
		}
	).insert(ignore_permissions=True)
	doc.import_file = converted.file_url


def _read_rows(content, extension: str) -> list[list]:
	from frappe.utils.csvutils import read_csv_content
	from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

	if extension == "csv":
		return [list(r) for r in read_csv_content(content)]
	if extension == "xlsx":
		return [list(r) for r in read_xlsx_file_from_attached_file(fcontent=content)]
	return []


def build_template(doctype: str) -> bytes:
	"""The app's Chinese import template of `doctype`: an .xlsx whose first row holds the Chinese headers."""
	from frappe.utils.xlsxutils import make_xlsx

	return make_xlsx([template_headers(doctype)], chinese_label(doctype, doctype)[:31]).getvalue()
