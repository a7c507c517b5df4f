"""The county's actions on the year-end assessment (考核): draw up the year's scheme, generate the year's
assessments (a background job)."""

import frappe

from twoduty_app.assessment import assessments, schemes


@frappe.whitelist(methods=["POST"])
def make_scheme(year: int, copy_from: int | None = None) -> str:
	"""The year's scheme, copied from last year's (or `copy_from`'s) when there is one."""
	assessments.check_county_staff(admin=True)
	return schemes.make_scheme(year, copy_from)


@frappe.whitelist(methods=["POST"])
def generate(year: int, county: str | None = None) -> None:
	"""Generate (or refresh) the year's assessment of every first-level unit, in the background."""
	assessments.enqueue_generate(year, county)
