# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""考核排名: the year's assessments ranked within each category (乡镇, 政府部门, 党群部门, 省市驻县单位) by
their final total, with the unit's self-assessed total beside it and the gap between them. Every reader
sees the assessments they may read (a unit its own; the county all); the export gives every row."""

import frappe
from frappe import _
from frappe.utils import cint, flt

from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import InvalidInputError
from twoduty_app.common.report_pages import PAGE, exporting, first_page_message

FIELDS = [
	"name",
	"unit",
	"unit_name",
	"comparison_group",
	"self_total",
	"final_total",
	"gap",
	"grade",
	"status",
]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows, total = data(filters)
	message = None if exporting() else first_page_message(len(rows), total)
	return columns(), rows, message


def columns():
	return [
		{"fieldname": "comparison_group", "label": _("Category"), "fieldtype": "Data", "width": 130},
		{"fieldname": "rank", "label": _("Ranking in Category"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "name",
			"label": _("Assessment Record"),
			"fieldtype": "Link",
			"options": "TD Assessment",
			"width": 140,
		},
		# as text: an assessor reads the units they assess, outside the branch their User Permissions name
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Data", "width": 120},
		{"fieldname": "unit_name", "label": _("Unit Name"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "self_total",
			"label": _("Self-Assessed Total"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		{
			"fieldname": "final_total",
			"label": _("Final Total"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "gap",
			"label": _("Self-Score Minus Final"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{
			"fieldname": "grade",
			"label": _("Grade", context="TD Assessment"),
			"fieldtype": "Data",
			"width": 80,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
	]


def data(filters) -> tuple[list[dict], int]:
	"""Rows ranked within their category (equal totals share a rank), and how many there are in all."""
	year = cint(filters.year or v.current_year())
	conditions = {"year": year}
	if filters.comparison_group:
		if filters.comparison_group not in v.COMPARISON_GROUPS:
			frappe.throw(
				_("{0} is not a category.").format(frappe.bold(filters.comparison_group)), InvalidInputError
			)
		conditions["comparison_group"] = filters.comparison_group
	if filters.status:
		if filters.status not in v.ASSESSMENT_STATUSES:
			frappe.throw(_("{0} is not a status.").format(frappe.bold(filters.status)), InvalidInputError)
		conditions["status"] = filters.status
	if filters.unit:
		bounds = frappe.db.get_value("TD Unit", filters.unit, ["lft", "rgt"])
		if not bounds:
			frappe.throw(_("Unit {0} not found.").format(frappe.bold(filters.unit)), frappe.DoesNotExistError)
		Unit = frappe.qb.DocType("TD Unit")
		inside = (
			frappe.qb.from_(Unit).select(Unit.name).where(Unit.lft[bounds[0] : bounds[1]]).run(pluck=True)
		)
		conditions["unit"] = ["in", inside or [""]]
	# the reader's own scope applies (assessment/access.py): a unit reads its own assessment. One query per
	# category, best first, until the page is full: the page's ranks need only the rows before them
	remaining = None if exporting() else PAGE
	rows = []
	chosen = conditions.pop("comparison_group", None)
	groups = [chosen] if chosen else [*v.COMPARISON_GROUPS, ""]
	for group in groups:
		if remaining is not None and remaining <= 0:
			break
		part = frappe.get_list(
			"TD Assessment",
			filters={**conditions, "comparison_group": group or ("is", "not set")},
			fields=FIELDS,
			order_by="final_total desc, unit_name asc",
			limit_page_length=remaining or 0,
		)
		previous = None
		for position, row in enumerate(part, start=1):
			if previous is None or flt(row.final_total) != previous[0]:
				previous = (flt(row.final_total), position)
			row.rank = previous[1]
			row.comparison_group = _(row.comparison_group) if row.comparison_group else ""
			row.grade = _(row.grade, context="TD Assessment") if row.grade else ""
			row.status = _(row.status, context="TD Assessment")
		rows += part
		if remaining is not None:
			remaining -= len(part)
	if chosen:
		conditions["comparison_group"] = chosen
	total = frappe.get_list("TD Assessment", filters=conditions, fields=["count(*) as n"])[0].n
	return rows, int(total)
