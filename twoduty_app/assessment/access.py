"""Who reads a year-end assessment: the unit's own members (the unit scope: their unit and the units below
it) and the members of its assessment team, whatever unit they belong to; the county by its roles.
One rule feeds `permission_query_conditions` (list, report, count, link search, export) and
`has_permission` (form, REST, print, attachments). An assessor reads the assessments they score; they change
them only through their own scores (`TDAssessment.save_team_scores`)."""

import frappe

from twoduty_app.permissions.unit_scope import get_scope_ranges, is_unit_in_scope, units_in_scope_sql

ASSESSOR_PTYPES = ("read", "print")


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	ranges = get_scope_ranges(user)
	if ranges is None:
		return ""
	own = f"`tabTD Assessment`.`unit` in ({units_in_scope_sql(ranges)})"
	team = (
		"`tabTD Assessment`.`name` in (select `parent` from `tabTD Assessment Assessor` "
		f"where `parenttype` = 'TD Assessment' and `assessor` = {frappe.db.escape(user)})"
	)
	return f"({own} or {team})"


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope_ranges(user) is None:
		return None
	if doc.get("unit") and is_unit_in_scope(doc.unit, user):
		return None if ptype not in ("submit", "cancel", "delete", "create") else False
	if (ptype or "read") in ASSESSOR_PTYPES and not doc.is_new():
		return user in frappe.get_all(
			"TD Assessment Assessor",
			filters={"parent": doc.name, "parenttype": "TD Assessment"},
			pluck="assessor",
		)
	return False


def table_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The rows of an assessment's tables, which Frappe lets a reader query by themselves: those of the
	assessments the reader may read."""
	parents = query_conditions(user, "TD Assessment")
	if not parents:
		return ""
	return f"`tab{doctype}`.`parent` in (select `name` from `tabTD Assessment` where {parents})"
