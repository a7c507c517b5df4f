"""The standard charts the app now draws (七类图表 from live data): the seeded template's lines name their
generator, and so do the lines of the units' checklists not yet reviewed, which then follow the data."""

import frappe

from twoduty_app.common.documents import save_as_system
from twoduty_app.responsibility.charts import refresh_generated_lines
from twoduty_app.responsibility.seed_data import CHECKLIST_TEMPLATES


def execute():
	generators = {
		item[1]: item[2]
		for _key, _name, _kind, items in CHECKLIST_TEMPLATES
		for item in items
		if len(item) == 3
	}
	Item = frappe.qb.DocType("TD Checklist Template Item")
	Line = frappe.qb.DocType("TD Unit Checklist Line")
	for text, chart in generators.items():
		(
			frappe.qb.update(Item)
			.set(Item.generated_chart, chart)
			.where((Item.item_text == text) & (Item.generated_chart.isnull() | (Item.generated_chart == "")))
			.run()
		)
	checklists = set()
	for text, chart in generators.items():
		rows = (
			frappe.qb.from_(Line)
			.select(Line.name, Line.parent)
			.where(
				(Line.parenttype == "TD Unit Checklist") & (Line.item_text == text) & (Line.confirmed == 0)
			)
			.where(Line.generated_chart.isnull() | (Line.generated_chart == ""))
			.run()
		)
		for name, parent in rows:
			frappe.db.set_value(
				"TD Unit Checklist Line", name, "generated_chart", chart, update_modified=False
			)
			checklists.add(parent)
	for name in sorted(checklists):
		doc = frappe.get_doc("TD Unit Checklist", name)
		if refresh_generated_lines(doc):
			save_as_system(doc)
