"""Endpoints about the yearly interview rules (逐级约谈)."""

import frappe

from twoduty_app.common import vocabulary as v
from twoduty_app.supervision.coverage import (
	check_coverage_filters,
	coverage_by_interviewer,
	coverage_for_reader,
)


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


@frappe.whitelist()
@frappe.read_only()
def get_cascade_coverage(
	year: int | None = None,
	county: str | None = None,
	unit: str | None = None,
	department_category: str | None = None,
) -> list[dict]:
	"""Per coverage rule and interviewing unit of the caller's branch: the units owed an interview this
	year (`owed`), those interviewed (`done`) and those still to be (`missing`)."""
	frappe.has_permission("TD Interview", "read", throw=True)
	check_coverage_filters(year, county, unit, department_category)
	filters = {"county": county, "unit": unit, "department_category": department_category}
	rows = coverage_by_interviewer(int(year or v.current_year()), filters)
	for row in rows:
		row.pop("lft")
		row.pop("rgt")
	return rows
