"""Keep users' roles and User Permissions in step with unit membership.

A unit's `members` table is the single source: each member gets the role of the position and a
User Permission on `TD Unit` for the unit (Frappe extends it to the unit's descendants). What no
membership justifies any more is revoked. Reconciling per user makes this idempotent.
"""

import frappe

from twoduty_app.common.vocabulary import POSITION_ROLES, UNIT_ROLES
from twoduty_app.permissions.unit_scope import clear_scope_cache


def memberships(user: str) -> list[dict]:
	return frappe.get_all(
		"TD Unit Member",
		filters={"user": user, "parenttype": "TD Unit", "parentfield": "members"},
		fields=["parent as unit", "position"],
	)


def sync_user_access(users) -> None:
	for user in sorted(set(filter(None, users))):
		if user in ("Administrator", "Guest") or not frappe.db.exists("User", user):
			continue
		rows = memberships(user)
		_sync_user_permissions(user, {r.unit for r in rows})
		_sync_roles(user, {POSITION_ROLES[r.position] for r in rows if r.position in POSITION_ROLES})
		clear_scope_cache(user)


def _sync_user_permissions(user: str, units: set[str]) -> None:
	existing = frappe.get_all(
		"User Permission", filters={"user": user, "allow": "TD Unit"}, fields=["name", "for_value"]
	)
	have = {row.for_value for row in existing}
	for row in existing:
		if row.for_value not in units:
			frappe.delete_doc("User Permission", row.name, ignore_permissions=True, force=True)
	for unit in sorted(units - have):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "TD Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
				"hide_descendants": 0,
			}
		).insert(ignore_permissions=True)


def _sync_roles(user: str, wanted: set[str]) -> None:
	doc = frappe.get_doc("User", user)
	current = {r.role for r in doc.roles}
	to_add = wanted - current
	to_remove = (current & UNIT_ROLES) - wanted
	if not to_add and not to_remove:
		return
	doc.set("roles", [r for r in doc.roles if r.role not in to_remove])
	for role in sorted(to_add):
		doc.append("roles", {"role": role})
	doc.flags.ignore_permissions = True
	doc.save()


def clear_tree_caches() -> None:
	"""A unit added, moved or removed changes every scoped user's resolved permissions."""
	frappe.cache.delete_value("user_permissions")
	clear_scope_cache()
