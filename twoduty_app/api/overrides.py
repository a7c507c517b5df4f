"""Overrides of core whitelisted methods that would otherwise leak unit-scoped data."""

import frappe
from frappe.client import get_count as core_get_count


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` counts without any permission check in Frappe v15.

	For this app's doctypes count through `frappe.get_list`, which applies role permissions,
	User Permissions and the unit scope; other doctypes keep the core behaviour.
	"""
	if not doctype.startswith("TD "):
		return core_get_count(doctype, filters=filters, debug=debug, cache=cache)
	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(
		doctype, filters=frappe.parse_json(filters) if filters else None, fields=["count(*) as total"]
	)
	return rows[0].total if rows else 0
