"""What a report's first view shows, and what its export gives.

A view shows a page a person reads (`PAGE` rows, worst or soonest first) and says so when there are more;
the Excel/CSV export (Frappe's `export_query`) runs the same report without the page limit and gives every
row the reader may see."""

import frappe
from frappe import _

PAGE = 500
EXPORT_METHOD = "frappe.desk.query_report.export_query"


def exporting() -> bool:
	"""The report runs for Frappe's export (Excel/CSV), not for the screen."""
	return frappe.form_dict.get("cmd") == EXPORT_METHOD


def limit_for_view(query):
	"""The query as the screen runs it (its first page), or as the export runs it (every row)."""
	return query if exporting() else query.limit(PAGE)


def first_page(rows: list) -> list:
	"""Rows computed in Python, as the screen shows them (the first page) or the export gives them."""
	return rows if exporting() else rows[:PAGE]


def first_page_message(shown: int, total: int) -> str | None:
	"""Shown above the report when the screen holds only its first page."""
	if total <= shown:
		return None
	return _("The first {0} of {1} rows are shown. Export the report to Excel to get all {1}.").format(
		frappe.bold(shown), frappe.bold(total)
	)
