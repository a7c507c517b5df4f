"""The seeded checklist said 明转暗不转; the outline's words are 明调暗不调."""

import frappe


def execute():
	Item = frappe.qb.DocType("TD Checklist Template Item")
	rows = (
		frappe.qb.from_(Item)
		.select(Item.name, Item.item_text)
		.where(Item.item_text.like("%明转暗不转%"))
		.run()
	)
	for name, text in rows:
		frappe.db.set_value(
			"TD Checklist Template Item",
			name,
			"item_text",
			text.replace("明转暗不转", "明调暗不调"),
			update_modified=False,
		)
