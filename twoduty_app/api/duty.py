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
	units = frappe.db.count("TD Unit", {"unit_type": ("in", FIRST_LEVEL_TYPES)})
	if units <= INLINE_LIMIT:
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
