"""Settings added by a release start at their DocType default on sites that never saved them."""

import frappe


def execute():
	frappe.reload_doc("supervision", "doctype", "td_settings")
	Singles = frappe.qb.DocType("Singles")
	saved = set(
		frappe.qb.from_(Singles).select(Singles.field).where(Singles.doctype == "TD Settings").run(pluck=True)
	)
	for df in frappe.get_meta("TD Settings").fields:
		if df.default and df.fieldname not in saved:
			frappe.db.set_single_value("TD Settings", df.fieldname, df.default)
