"""Unit lookups shared by the cycle: ancestors, membership, contacts."""

import frappe


def ancestors_and_self(unit: str) -> list[str]:
	"""The unit and every unit above it, nearest first."""
	bounds = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
	if not bounds:
		return []
	Unit = frappe.qb.DocType("TD Unit")
	return (
		frappe.qb.from_(Unit)
		.select(Unit.name)
		.where((Unit.lft <= bounds[0]) & (Unit.rgt >= bounds[1]))
		.orderby(Unit.lft, order=frappe.qb.desc)
		.run(pluck=True)
	)


def is_member_of_unit_or_ancestors(user: str, unit: str) -> bool:
	units = ancestors_and_self(unit)
	return bool(
		units
		and frappe.db.exists(
			"TD Unit Member",
			{"user": user, "parenttype": "TD Unit", "parent": ("in", units), "is_current": 1},
		)
	)


def contacts_for_units(units, positions: tuple[str, ...]) -> dict[str, list[str]]:
	"""For each unit, its members in `positions`; where it has none, those of its nearest ancestor that has.

	Two queries whatever the number of units, then one sweep over the nested-set bounds.
	"""
	units = sorted(set(units))
	if not units:
		return {}
	Unit = frappe.qb.DocType("TD Unit")
	targets: list[tuple[int, int, str]] = []
	for i in range(0, len(units), 2000):
		chunk = units[i : i + 2000]
		rows = frappe.qb.from_(Unit).select(Unit.lft, Unit.rgt, Unit.name).where(Unit.name.isin(chunk)).run()
		targets += [(int(lft), int(rgt), name) for lft, rgt, name in rows]
	Member = frappe.qb.DocType("TD Unit Member")
	member_rows = (
		frappe.qb.from_(Member)
		.join(Unit)
		.on(Member.parent == Unit.name)
		.select(Unit.lft, Unit.rgt, Member.user)
		.where((Member.parenttype == "TD Unit") & Member.position.isin(positions) & (Member.is_current == 1))
		.run()
	)
	return nearest_member_units(targets, member_rows)


def nearest_member_units(targets, member_rows) -> dict[str, list[str]]:
	"""Pure part of `contacts_for_units`: `targets` are (lft, rgt, unit), `member_rows` (lft, rgt, user)."""
	users_at: dict[tuple[int, int], set[str]] = {}
	for lft, rgt, user in member_rows:
		users_at.setdefault((int(lft), int(rgt)), set()).add(user)
	holders = sorted(users_at)  # member units by lft
	result: dict[str, list[str]] = {}
	stack: list[tuple[int, int]] = []
	i = 0
	for lft, rgt, unit in sorted(targets):
		while i < len(holders) and holders[i][0] <= lft:
			while stack and stack[-1][1] < holders[i][0]:
				stack.pop()
			stack.append(holders[i])
			i += 1
		while stack and stack[-1][1] < lft:
			stack.pop()
		# nested sets: whatever is left on the stack encloses the unit, the top most closely
		result[unit] = sorted(users_at[stack[-1]]) if stack and stack[-1][1] >= rgt else []
	return result
