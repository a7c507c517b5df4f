"""Unit conditions shared by the reports: the viewer's scope, a chosen subtree, a department category.

Every report joins `TD Unit` and adds `units_criterion(Unit, filters)`, so a township user's report
covers that township's branch only, whatever the filters say."""

import frappe
from frappe.query_builder import Criterion

from twoduty_app.permissions.unit_scope import get_scope_ranges, lft_within
from twoduty_app.units.rules import FIRST_LEVEL_TYPES


def units_criterion(Unit, filters) -> Criterion | None:
	parts = []
	scope = get_scope_ranges()
	if scope is not None:
		parts.append(lft_within(Unit, scope))
	if filters.get("unit"):
		bounds = frappe.db.get_value("TD Unit", filters.unit, ["lft", "rgt"])
		parts.append(lft_within(Unit, [bounds] if bounds else []))
	if filters.get("department_category"):
		rows = frappe.get_all(
			"TD Unit",
			filters={"unit_type": "County Department", "department_category": filters.department_category},
			fields=["lft", "rgt"],
			as_list=True,
		)
		parts.append(lft_within(Unit, rows))
	return Criterion.all(parts) if parts else None


def first_level_units(filters) -> list[dict]:
	"""Townships and county departments the report talks about, sorted by lft.

	A subtree filter or a scoped viewer keeps the first-level units inside that branch, or the one that
	contains it (the figures themselves are always limited by `units_criterion`)."""
	return first_level_query(filters).run(as_dict=True)


def first_level_query(filters, Unit=None):
	"""The query of `first_level_units` (on `Unit`, an alias of TD Unit when given), to join or group in
	the database."""
	Unit = Unit or frappe.qb.DocType("TD Unit")
	query = (
		frappe.qb.from_(Unit)
		.select(Unit.name, Unit.unit_name, Unit.unit_type, Unit.department_category, Unit.lft, Unit.rgt)
		.where(Unit.unit_type.isin(FIRST_LEVEL_TYPES))
		.orderby(Unit.lft)
	)
	if filters.get("department_category"):
		query = query.where(Unit.department_category == filters.department_category)
	limits = []
	if filters.get("unit"):
		bounds = frappe.db.get_value("TD Unit", filters.unit, ["lft", "rgt"])
		limits.append([bounds] if bounds else [])
	scope = get_scope_ranges()
	if scope is not None:
		limits.append(scope)
	for ranges in limits:
		query = query.where(
			Criterion.any([Unit.lft[a:b] | ((Unit.lft <= a) & (Unit.rgt >= b)) for a, b in ranges])
			if ranges
			else Unit.lft.isnull()
		)
	return query


def scoped_from(doctype: str, filters, unit_field: str = "unit"):
	"""`select … from doctype`, joined to TD Unit only when a unit condition applies (scope, subtree or
	category): an unscoped county viewer's figures then come straight from the doctype's own indexes."""
	Table = frappe.qb.DocType(doctype)
	Unit = frappe.qb.DocType("TD Unit")
	query = frappe.qb.from_(Table)
	if (criterion := units_criterion(Unit, filters)) is not None:
		query = query.join(Unit).on(Unit.name == Table[unit_field]).where(criterion)
	return query, Table
