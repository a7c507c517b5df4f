"""A closed year (the year's assessment finalised and closed by the county): its duty records, checklists
and registers no longer change, except through a late change (补录) the county approved. Each approval
allows one save (a change of the named record, or a new record of the unit when it names none) and is
marked used by it, with the record it changed: the change itself is in that record's history."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime

from twoduty_app.assessment.schemes import closed_years
from twoduty_app.common import vocabulary as v
from twoduty_app.exceptions import YearClosedError
from twoduty_app.permissions.roles import is_system_user

LATE_CHANGE = "TD Late Change"
# the records a closed year keeps, and the date that places one in a year when it has no year of its own
LOCKED_DOCTYPES = {
	"TD Duty Record": "record_date",
	"TD Unit Checklist": None,
	"TD Major Decision": "decision_date",
	"TD Education Activity": "activity_date",
}


def year_of(doc) -> int | None:
	date_field = LOCKED_DOCTYPES.get(doc.doctype)
	if doc.get("year"):
		return cint(doc.year)
	if date_field and doc.get(date_field):
		return getdate(doc.get(date_field)).year
	return None


def check_year_open(doc, method=None) -> None:
	"""doc_events (validate) of the records a closed year keeps."""
	closed = closed_years()
	if not closed or is_system_user() or doc.flags.twoduty_derived_only:
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	years = {year_of(doc)} | ({year_of(before)} if before else set())
	hit = sorted(y for y in years if y in closed)
	if not hit:
		return
	grant = _approved_late_change(doc, hit)
	if not grant:
		frappe.throw(
			_(
				"The assessment of {0} is finalised and the year is closed: a change needs the county's approval of a late change (补录)."
			).format(hit[0]),
			YearClosedError,
		)
	frappe.db.set_value(
		LATE_CHANGE,
		grant,
		{"status": v.LATE_CHANGE_USED, "used_record": doc.name, "used_on": now_datetime()},
	)


def _approved_late_change(doc, years: list[int]) -> str | None:
	filters = {
		"status": v.LATE_CHANGE_APPROVED,
		"record_doctype": doc.doctype,
		"unit": doc.get("unit"),
		"year": ("in", years),
	}
	if doc.is_new():
		filters["record_name"] = ("is", "not set")
	else:
		filters["record_name"] = doc.name
	found = frappe.get_all(LATE_CHANGE, filters=filters, pluck="name", order_by="creation", limit=1)
	return found[0] if found else None
