"""County actions on duty lists: yearly generation of assignments and checklists."""

import frappe
from frappe import _

from twoduty_app.common.vocabulary import FIRST_LEVEL_TYPES
from twoduty_app.permissions.roles import is_admin
from twoduty_app.responsibility.assignments import generate_assignments

# generation runs in the background for trees larger than this
INLINE_LIMIT = 200


@frappe.whitelist()
def generate_year(year: int, county: str | None = None) -> dict:
	"""Create every unit's duty assignment for `year` (one action; re-running creates no duplicates)."""
	if not is_admin():
		frappe.throw(
			_("Only the county administrator can generate duty assignments."), frappe.PermissionError
		)
	if units_to_generate(county) <= INLINE_LIMIT:
		return {"queued": False, **generate_assignments(int(year), county, publish_progress=False)}
	job = frappe.enqueue(
		"twoduty_app.responsibility.assignments.generate_assignments",
		queue="long",
		timeout=3600,
		year=int(year),
		county=county,
		job_id=f"twoduty-generate-{year}-{county or 'all'}",
		deduplicate=True,
	)
	return {"queued": True, "job": getattr(job, "id", None)}


def units_to_generate(county: str | None) -> int:
	"""The first-level units a generation for `county` (every county when empty) goes through: a county of
	a province-wide site is generated at once, whatever the other counties hold."""
	filters = {"unit_type": ("in", FIRST_LEVEL_TYPES)}
	if county:
		bounds = frappe.db.get_value("TD Unit", county, ["lft", "rgt"])
		if not bounds:
			frappe.throw(_("Unit {0} not found.").format(frappe.bold(county)), frappe.DoesNotExistError)
		filters["lft"] = ("between", list(bounds))
	return frappe.db.count("TD Unit", filters)


@frappe.whitelist()
def create_checklists(year: int, template: str, county: str | None = None) -> dict:
	"""One checklist of `template` per first-level unit for `year`; existing ones are left alone."""
	if not is_admin():
		frappe.throw(_("Only the county administrator can create checklists."), frappe.PermissionError)
	filters = {"unit_type": ("in", FIRST_LEVEL_TYPES)}
	if county:
		filters["parent_td_unit"] = county
	created = 0
	for unit in frappe.get_all("TD Unit", filters=filters, pluck="name", order_by="lft asc"):
		if frappe.db.exists("TD Unit Checklist", {"unit": unit, "year": int(year), "template": template}):
			continue
		frappe.get_doc(
			{"doctype": "TD Unit Checklist", "unit": unit, "year": int(year), "template": template}
		).insert(ignore_permissions=True)
		created += 1
	return {"created": created}
