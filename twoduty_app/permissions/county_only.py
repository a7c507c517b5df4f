"""County-only records: what the county's discipline commission keeps from the units it supervises.

An accountability case (问责案件) names the people it concerns; none of the units' people may read it through
any door, whatever else they hold: a user who is a member of any unit is denied even with a county role
(a leader who sits in the county unit, a township secretary who also inspects). The DocType permissions
give the county roles their rights; these hooks take them away from unit members. One rule feeds
`permission_query_conditions` (lists, reports, counts, link search, exports; the child tables too, which
Frappe queries on their own), `has_permission` (forms, REST, print, the files attached) and the File list.
"""

import frappe
from frappe import _

from twoduty_app.common.vocabulary import COUNTY_READER_ROLES
from twoduty_app.permissions.roles import has_any_role
from twoduty_app.permissions.unit_scope import get_scope_roots

# the records, and the child tables Frappe lets a reader query by themselves
COUNTY_ONLY_DOCTYPES = ("TD Accountability Case",)
COUNTY_ONLY_TABLES = ("TD Accountability Line", "TD Accountability Source")


def is_unit_member(user: str | None = None) -> bool:
	"""A member of any unit (its branch limits what it sees); the county's own staff are members of none."""
	return get_scope_roots(user) is not None


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions`: nothing for a unit member."""
	return "1=0" if is_unit_member(user) else ""


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""`has_permission`: a unit member is denied every right; others keep what their roles give."""
	return False if is_unit_member(user) else None


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The File list of a unit member leaves out every file attached to a county-only record (reading one
	is refused by `has_permission` on the record it is attached to)."""
	if not is_unit_member(user):
		return ""
	doctypes = ", ".join(frappe.db.escape(d) for d in COUNTY_ONLY_DOCTYPES)
	return f"ifnull(`tabFile`.`attached_to_doctype`, '') not in ({doctypes})"


def refuse_public_files(doc, method=None) -> None:
	"""doc_events (File, validate): a file attached to a county-only record stays private, so that its URL
	is served only to those who may read the record (a public file's URL is served to anyone)."""
	if doc.attached_to_doctype in COUNTY_ONLY_DOCTYPES and not doc.is_private:
		frappe.throw(
			_("Files of an accountability case are kept private: upload it as a private file."),
			frappe.PermissionError,
		)


def check_county_reader(user: str | None = None) -> None:
	"""For a county-only report or endpoint: the county's readers who are members of no unit."""
	if is_unit_member(user) or not has_any_role(COUNTY_READER_ROLES, user):
		frappe.throw(
			_("Only the county's discipline commission can read accountability cases."),
			frappe.PermissionError,
		)
