"""Keep users' roles and User Permissions in step with unit membership.

A unit's `members` table is the single source: each current member gets the role of the position and a
User Permission on `TD Unit` for the unit (Frappe extends it to the unit's descendants). What no
membership justifies any more is revoked. Reconciling per user makes this idempotent.

A membership runs from `from_date` to `to_date` (either may be empty: since always, until further notice).
`is_current` says it holds today: set when the unit is saved and by the daily job, so that a membership
that ends loses its access the next day, and one that is ended today at once.
"""

from datetime import date

import frappe
from frappe.utils import getdate, nowdate
from pypika import Case

from twoduty_app.common.vocabulary import POSITION_ROLES, UNIT_ROLES
from twoduty_app.permissions.unit_scope import clear_scope_cache


def memberships(user: str) -> list[dict]:
	"""The user's current memberships."""
	return frappe.get_all(
		"TD Unit Member",
		filters={"user": user, "parenttype": "TD Unit", "parentfield": "members", "is_current": 1},
		fields=["parent as unit", "position"],
	)


def holds_on(row, day: date) -> bool:
	"""The membership `row` (from_date, to_date) holds on `day`."""
	return (not row.from_date or getdate(row.from_date) <= day) and (
		not row.to_date or getdate(row.to_date) >= day
	)


def periods_overlap(a, b) -> bool:
	"""Two memberships share at least one day (an empty end runs on)."""
	starts_a, starts_b = (getdate(r.from_date) if r.from_date else date.min for r in (a, b))
	ends_a, ends_b = (getdate(r.to_date) if r.to_date else date.max for r in (a, b))
	return starts_a <= ends_b and starts_b <= ends_a


def holders_on(unit: str, positions, day=None) -> list[str]:
	"""Who held one of `positions` (a name or a tuple) in `unit` on `day` (today by default): the answer
	interviews (the interviewee's post at the time) and accountability (the person in the post when the
	facts happened) read."""
	positions = (positions,) if isinstance(positions, str) else tuple(positions)
	day = getdate(day or nowdate())
	Member = frappe.qb.DocType("TD Unit Member")
	return (
		frappe.qb.from_(Member)
		.select(Member.user)
		.distinct()
		.where(
			(Member.parenttype == "TD Unit")
			& (Member.parentfield == "members")
			& (Member.parent == unit)
			& Member.position.isin(positions)
			& (Member.from_date.isnull() | (Member.from_date <= day))
			& (Member.to_date.isnull() | (Member.to_date >= day))
		)
		.orderby(Member.user)
		.run(pluck=True)
	)


def post_held(user: str, unit: str, day=None) -> str | None:
	"""The position `user` held in `unit` on `day` (one at a time: the unit's form refuses overlaps)."""
	day = getdate(day or nowdate())
	Member = frappe.qb.DocType("TD Unit Member")
	rows = (
		frappe.qb.from_(Member)
		.select(Member.position)
		.where(
			(Member.parenttype == "TD Unit")
			& (Member.parentfield == "members")
			& (Member.parent == unit)
			& (Member.user == user)
			& (Member.from_date.isnull() | (Member.from_date <= day))
			& (Member.to_date.isnull() | (Member.to_date >= day))
		)
		.limit(1)
		.run(pluck=True)
	)
	return rows[0] if rows else None


def refresh_current(day=None) -> int:
	"""Scheduler (daily): memberships that began or ended since the last run change `is_current`, and
	their people's roles and User Permissions follow. Returns the number of memberships changed."""
	day = getdate(day or nowdate())
	Member = frappe.qb.DocType("TD Unit Member")
	holds = (Member.from_date.isnull() | (Member.from_date <= day)) & (
		Member.to_date.isnull() | (Member.to_date >= day)
	)
	changed = (
		frappe.qb.from_(Member)
		.select(Member.name, Member.user, Member.is_current, Case().when(holds, 1).else_(0).as_("holds"))
		.where(
			(Member.parenttype == "TD Unit")
			& (Member.parentfield == "members")
			& (Member.from_date.notnull() | Member.to_date.notnull())
		)
		.run(as_dict=True)
	)
	changed = [row for row in changed if bool(row.holds) != bool(row.is_current)]
	for row in changed:
		frappe.db.set_value(
			"TD Unit Member", row.name, "is_current", 1 if row.holds else 0, update_modified=False
		)
	sync_user_access({row.user for row in changed})
	return len(changed)


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
