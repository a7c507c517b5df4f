"""Overrides of core whitelisted methods that would otherwise leak unit-scoped data."""

import frappe
from frappe import _
from frappe.client import get_count as core_get_count

from twoduty_app.common.evidence_files import check_content, check_name
from twoduty_app.common.inputs import InvalidInputError, parse_filters


@frappe.whitelist()
@frappe.read_only()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` counts without any permission check in Frappe v15.

	For this app's doctypes count through `frappe.get_list`, which applies role permissions,
	User Permissions and the unit scope; other doctypes keep the core behaviour.
	"""
	if not doctype or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("DocType {0} not found").format(doctype[:140]), frappe.DoesNotExistError)
	if not doctype.startswith("TD "):
		return core_get_count(doctype, filters=filters, debug=debug, cache=cache)
	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(doctype, filters=checked_filters(doctype, filters), fields=["count(*) as total"])
	return rows[0].total if rows else 0


def checked_filters(doctype: str, filters) -> dict | list | None:
	"""Filters as Frappe's list views send them ({field: value}, {field: [operator, value]} or
	[[doctype, field, operator, value]]), on fields of the doctype; anything else is refused."""
	filters = parse_filters(filters)  # their shape; their fields here
	if not filters:
		return None
	if isinstance(filters, dict):
		conditions = [
			[doctype, field, *(value if isinstance(value, list) else ["=", value])]
			for field, value in filters.items()
		]
	elif isinstance(filters, list) and all(isinstance(f, list) for f in filters):
		conditions = [f if len(f) == 4 else [doctype, *f] for f in filters]
	else:
		_refuse_filters()
	for condition in conditions:
		if len(condition) not in (3, 4) or not all(isinstance(c, str) for c in condition[:2]):
			_refuse_filters()
		table, field = condition[0], condition[1]
		operator, value = condition[2:] if len(condition) == 4 else ("=", condition[2])
		if not frappe.db.exists("DocType", table):
			_refuse_filters()
		meta = frappe.get_meta(table)
		if not (
			meta.has_field(field)
			or field in frappe.model.default_fields
			or field in frappe.model.child_table_fields
		):
			frappe.throw(_("Field not permitted in query") + f": {field}", frappe.DataError)
		if not isinstance(operator, str) or isinstance(value, dict):
			_refuse_filters()
	return filters


def _refuse_filters():
	frappe.throw(_("The filters could not be read."), InvalidInputError)


@frappe.whitelist(allow_guest=True)
def upload_file():
	"""`upload_file` (the desk's attach dialog): a file for one of the app's records is checked as evidence
	before Frappe's handler writes anything; every other upload goes to Frappe's handler unchanged. (The
	File doc_event `evidence_files.check_evidence_file` holds the same rule for every other way in.)"""
	from frappe.handler import upload_file as core_upload_file

	upload = frappe.request.files.get("file") if frappe.request and frappe.request.files else None
	if upload is not None and (frappe.form_dict.doctype or "").startswith("TD "):
		check_name(upload.filename or "")
		content = upload.stream.read()
		upload.stream.seek(0)
		check_content(upload.filename, content)
	return core_upload_file()
