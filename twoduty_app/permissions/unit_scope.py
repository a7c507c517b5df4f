"""Unit scope: a member of a unit sees that unit and everything below it, and nothing else.

County users with no unit membership are not scoped (their roles decide what they may do).
One condition builder feeds both `permission_query_conditions` (lists, reports, counts, link
search, exports) and `has_permission` (forms, REST, print, attachments).
"""

import frappe

from twoduty_app.common.vocabulary import DISCIPLINE_SECRETARY, UNIT_HEAD
from twoduty_app.permissions.roles import is_system_user

SCOPE_CACHE_KEY = "twoduty_unit_scope"

# doctype -> the field holding its unit (None: the doctype is the unit tree itself)
SCOPED_DOCTYPES: dict[str, str | None] = {
	"TD Unit": None,
	"TD Interview": "unit",
	"TD Inspection": "unit",
	"TD Rectification Task": "unit",
	"TD Recheck": "unit",
	"TD Duty Assignment": "unit",
	"TD Duty Record": "unit",
	"TD Unit Checklist": "unit",
	"TD Delegation": "unit",
	"TD Extension Request": "unit",
	"TD Major Decision": "unit",
	"TD Education Activity": "unit",
	"TD Late Change": "unit",
}
# child tables a reader may query by themselves (the REST list with `parent=`): rows of records in scope only
SCOPED_TABLES: dict[str, str] = {
	"TD Decision Attendee": "TD Major Decision",
	"TD Education Attendee": "TD Education Activity",
}


# interviews and inspections held by a unit's heads: the field naming that unit (empty: the county)
SUPERVISING_FIELDS = {"TD Interview": "interviewer_unit", "TD Inspection": "inspecting_unit"}
# who of a unit holds its interviews and inspections of the units below it
SUPERVISOR_POSITIONS = (UNIT_HEAD, DISCIPLINE_SECRETARY)


def get_scope_roots(user: str | None = None) -> list[str] | None:
	"""Units at the top of the user's branches, or None when the user is not unit-scoped."""
	user = user or frappe.session.user
	if is_system_user(user):
		return None
	roots = frappe.cache.hget(SCOPE_CACHE_KEY, user, lambda: _load_scope_roots(user))
	return roots or None


def _load_scope_roots(user: str) -> list[str]:
	return sorted(
		set(
			frappe.get_all(
				"TD Unit Member",
				filters={"user": user, "parenttype": "TD Unit", "parentfield": "members", "is_current": 1},
				pluck="parent",
			)
		)
	)


def clear_scope_cache(user: str | None = None) -> None:
	if user:
		frappe.cache.hdel(SCOPE_CACHE_KEY, user)
	else:
		frappe.cache.delete_value(SCOPE_CACHE_KEY)


def get_scope_ranges(user: str | None = None) -> list[tuple[int, int]] | None:
	"""(lft, rgt) of each branch the user may see; None when unrestricted."""
	roots = get_scope_roots(user)
	if roots is None:
		return None
	Unit = frappe.qb.DocType("TD Unit")
	rows = frappe.qb.from_(Unit).select(Unit.lft, Unit.rgt).where(Unit.name.isin(roots)).run()
	return [(int(lft), int(rgt)) for lft, rgt in rows]


def is_unit_in_scope(unit: str | None, user: str | None = None) -> bool:
	ranges = get_scope_ranges(user)
	if ranges is None:
		return True
	if not unit:
		return False
	lft = frappe.db.get_value("TD Unit", unit, "lft")
	return lft is not None and _in_ranges(int(lft), ranges)


def _in_ranges(lft: int, ranges: list[tuple[int, int]]) -> bool:
	return any(a <= lft <= b for a, b in ranges)


def lft_within(table, ranges):
	"""Criterion: the row's `lft` lies in one of `ranges` (no ranges: matches nothing). Shared by the
	scope helpers here and the report filters."""
	from frappe.query_builder import Criterion

	if not ranges:
		return table.lft.isnull() & table.lft.notnull()
	return Criterion.any([table.lft[a:b] for a, b in ranges])


def _range_sql(column: str, ranges: list[tuple[int, int]]) -> str:
	# integers only: nothing user-supplied reaches this string
	return "(" + " or ".join(f"{column} between {int(a)} and {int(b)}" for a, b in ranges) + ")"


def _units_sql(ranges) -> str:
	return f"select `name` from `tabTD Unit` where {_range_sql('`lft`', ranges)}" if ranges else "select null"


def units_in_scope_sql(ranges) -> str:
	"""SQL selecting the names of the units in `ranges` (for the scope conditions of records kept elsewhere)."""
	return _units_sql(ranges)


def _named_in_interview_sql(user: str, units_sql: str, table: str = "`tabTD Interview`") -> str:
	"""Interviews that name the user: as an interviewee, or through a concerned unit in the user's branch."""
	return (
		f"{table}.`name` in (select `parent` from `tabTD Interviewee` where `parenttype` = 'TD Interview' "
		f"and `user` = {frappe.db.escape(user)}) or {table}.`name` in (select `parent` from "
		f"`tabTD Concerned Unit` where `parenttype` = 'TD Interview' and `unit` in ({units_sql}))"
	)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` for every unit-scoped doctype."""
	user = user or frappe.session.user
	ranges = get_scope_ranges(user)
	if ranges is None:
		return ""
	unit_field = SCOPED_DOCTYPES.get(doctype)
	if unit_field is None:
		return _range_sql("`tabTD Unit`.`lft`", ranges) if ranges else "1=0"
	units = _units_sql(ranges)
	own = f"`tab{doctype}`.`{unit_field}` in ({units})" if ranges else "1=0"
	if doctype == "TD Interview":
		return f"({own} or {_named_in_interview_sql(user, units)})"
	return own


def table_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` for the child tables of `SCOPED_TABLES`: rows whose parent is in scope."""
	ranges = get_scope_ranges(user or frappe.session.user)
	if ranges is None:
		return ""
	parent = SCOPED_TABLES[doctype]
	return (
		f"`tab{doctype}`.`parent` in (select `name` from `tab{parent}` "
		f"where `{SCOPED_DOCTYPES[parent]}` in ({_units_sql(ranges)}))"
	)


def is_named_in_interview(doc, user: str, ranges) -> bool:
	"""The interview names the user as an interviewee, or one of its concerned units is in his branch."""
	return any(row.user == user for row in doc.get("interviewees") or []) or any(
		row.unit and is_unit_in_scope(row.unit, user) for row in doc.get("concerned_units") or []
	)


# what a person named in another unit's interview may do with it
NAMED_READER_PTYPES = ("read", "print")


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""`has_permission` for every unit-scoped doctype: deny when the record's unit is out of scope (a person
	named in an interview may still read and print that interview)."""
	user = user or frappe.session.user
	ranges = get_scope_ranges(user)
	if ranges is None:
		return None
	unit_field = SCOPED_DOCTYPES.get(doc.doctype)
	if unit_field is None:
		if doc.get("lft") and not doc.is_new():
			return _in_ranges(int(doc.lft), ranges)
		# a unit being created: it must go under a unit in scope
		return is_unit_in_scope(doc.get("parent_td_unit"), user)
	unit = doc.get(unit_field)
	if not unit:
		# a new record has no unit yet while the form is drafted; saving will require one
		return True if doc.is_new() else False
	if is_unit_in_scope(unit, user):
		return _stored_unit_in_scope(doc, unit_field, ptype, user) and _holds_it(doc, ptype, user)
	return (
		doc.doctype == "TD Interview"
		and (ptype or "read") in NAMED_READER_PTYPES
		and not doc.is_new()
		and is_named_in_interview(doc, user, ranges)
	)


# what changes a record: checked against the unit it has in the database as well as the one it is given
CHANGING_PTYPES = ("write", "delete", "submit", "cancel")


def _stored_unit_in_scope(doc, unit_field: str, ptype: str | None, user: str) -> bool:
	"""A change cannot bring a record of another branch into the user's own (a form, `PUT /api/resource` or an
	update import that sets its unit): the unit it has in the database must be in scope too."""
	if ptype not in CHANGING_PTYPES or doc.is_new():
		return True
	stored = frappe.db.get_value(doc.doctype, doc.name, unit_field)
	return not stored or stored == doc.get(unit_field) or is_unit_in_scope(stored, user)


def _holds_it(doc, ptype: str | None, user: str) -> bool:
	"""An interview or inspection is changed only by those who hold it: the county, or the Party secretary or
	discipline secretary of the unit it names as holding it (as stored: a change cannot take it over). The
	unit interviewed reads it; it does not edit it."""
	field = SUPERVISING_FIELDS.get(doc.doctype)
	if not field or ptype not in CHANGING_PTYPES or doc.is_new():
		return True
	stored = frappe.db.get_value(doc.doctype, doc.name, field)
	return bool(stored) and stored in headed_units(user)


def headed_units(user: str) -> list[str]:
	"""Units whose Party secretary or discipline secretary `user` is today."""
	return frappe.get_all(
		"TD Unit Member",
		filters={
			"parenttype": "TD Unit",
			"user": user,
			"position": ("in", SUPERVISOR_POSITIONS),
			"is_current": 1,
		},
		pluck="parent",
	)


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Files attached to an out-of-scope unit record are not listed (Frappe's own File condition lets
	anyone who can read the doctype list every attachment of it)."""
	ranges = get_scope_ranges(user)
	if ranges is None:
		return ""
	units = _units_sql(ranges)
	clauses = []
	for scoped, unit_field in SCOPED_DOCTYPES.items():
		if unit_field is None:
			visible = units
		else:
			visible = f"select `name` from `tab{scoped}` where `{unit_field}` in ({units})"
		if scoped == "TD Interview":
			user = user or frappe.session.user
			named = _named_in_interview_sql(user, units, "`tabTD Interview`")
			visible = f"select `name` from `tabTD Interview` where `unit` in ({units}) or {named}"
		clauses.append(
			f"(ifnull(`tabFile`.`attached_to_doctype`, '') != '{scoped}' or `tabFile`.`attached_to_name` in ({visible}))"
		)
	return "(" + " and ".join(clauses) + ")"
