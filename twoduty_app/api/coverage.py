"""Endpoints about the yearly interview rule."""

import frappe

from twoduty_app.supervision.coverage import coverage_for_reader


@frappe.whitelist()
@frappe.read_only()
def get_interview_coverage(
	year: int | None = None,
	county: str | None = None,
	unit: str | None = None,
	department_category: str | None = None,
) -> list[dict]:
	"""Who among the heads and discipline secretaries of first-level units was or was not interviewed."""
	return coverage_for_reader(year, county, unit, department_category)
