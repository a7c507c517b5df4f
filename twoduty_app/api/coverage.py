"""Endpoints about the yearly interview rule."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from twoduty_app.permissions.roles import has_any_role
from twoduty_app.services.coverage import interview_coverage
from twoduty_app.services.report_filters import first_level_units

COUNTY_READERS = ("TwoDuty Admin", "TwoDuty Inspector", "TwoDuty Viewer", "System Manager")


@frappe.whitelist()
def get_interview_coverage(year: int | None = None, county: str | None = None) -> list[dict]:
	"""Who among the heads and discipline secretaries of first-level units was or was not interviewed."""
	if not has_any_role(COUNTY_READERS):
		frappe.throw(
			_("Only the county's discipline commission and leaders can read interview coverage."),
			frappe.PermissionError,
		)
	# first-level units of the county asked for, inside the reader's own branch when the reader is scoped
	units = first_level_units(frappe._dict(unit=county))
	return interview_coverage(int(year or getdate(nowdate()).year), units=units)
