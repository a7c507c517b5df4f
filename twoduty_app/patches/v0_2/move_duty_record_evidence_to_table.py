"""A duty record keeps every evidence file in its `evidence_files` table; the former single `evidence`
field's file becomes the table's first row."""

import frappe


def execute():
	Record = frappe.qb.DocType("TD Duty Record")
	Row = frappe.qb.DocType("TD Evidence File")
	has_rows = frappe.qb.from_(Row).select(Row.parent).where(Row.parenttype == "TD Duty Record")
	records = (
		frappe.qb.from_(Record)
		.select(Record.name, Record.evidence)
		.where(Record.evidence.isnotnull() & (Record.evidence != "") & Record.name.notin(has_rows))
		.run(as_dict=True)
	)
	for record in records:
		frappe.get_doc(
			{
				"doctype": "TD Evidence File",
				"parent": record.name,
				"parenttype": "TD Duty Record",
				"parentfield": "evidence_files",
				"idx": 1,
				"file": record.evidence,
			}
		).db_insert()
