# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""Duty progress per unit or per responsible person: duties, duties recorded this period, lights."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum

from twoduty_app.common import vocabulary as v
from twoduty_app.common.report_pages import first_page, first_page_message
from twoduty_app.units.report_filters import units_criterion


def execute(filters=None):
	filters = frappe._dict(filters or {})
	by_person = filters.get("group_by") == "Person"
	every = data(filters, by_person)
	rows = first_page(every)
	groups, duties, recorded = len(every), sum(r["duties"] for r in every), sum(r["recorded"] for r in every)
	chart = {
		"data": {
			"labels": [r["label"] for r in rows[:30]],
			"datasets": [{"name": _("Progress"), "values": [r["progress"] for r in rows[:30]]}],
		},
		"type": "bar",
	}
	summary = [
		{"label": _("Responsible Person") if by_person else _("Units"), "value": groups, "indicator": "blue"},
		{"label": _("Duties"), "value": duties, "indicator": "blue"},
		{"label": _("Recorded This Period"), "value": recorded, "indicator": "green"},
	]
	return columns(by_person), rows, first_page_message(len(rows), groups), chart, summary


def columns(by_person):
	# grouped by the person's or the unit's ID: two people (or units) of the same name stay two rows
	first = (
		[
			{"fieldname": "id", "label": _("User"), "fieldtype": "Link", "options": "User", "width": 200},
			{"fieldname": "label", "label": _("Responsible Person"), "fieldtype": "Data", "width": 140},
		]
		if by_person
		else [
			{"fieldname": "id", "label": _("Unit"), "fieldtype": "Link", "options": "TD Unit", "width": 120},
			{"fieldname": "label", "label": _("Unit Name"), "fieldtype": "Data", "width": 180},
		]
	)
	return [
		*first,
		{"fieldname": "duties", "label": _("Duties"), "fieldtype": "Int", "width": 80},
		{"fieldname": "recorded", "label": _("Recorded This Period"), "fieldtype": "Int", "width": 120},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 80},
		{"fieldname": "progress", "label": _("Progress"), "fieldtype": "Percent", "width": 100},
	]


def base_query(filters, by_person):
	"""The year's assignment rows of the reader's branch and the filters, with the grouping key."""
	Item = frappe.qb.DocType("TD Duty Assignment Item")
	Assignment = frappe.qb.DocType("TD Duty Assignment")
	Unit = frappe.qb.DocType("TD Unit")
	User = frappe.qb.DocType("User")
	key, label = (Item.responsible_user, User.full_name) if by_person else (Unit.name, Unit.unit_name)
	query = (
		frappe.qb.from_(Item)
		.join(Assignment).on(Assignment.name == Item.parent)
		.join(Unit).on(Unit.name == Assignment.unit)
		.where((Item.parenttype == "TD Duty Assignment") & (Assignment.year == int(filters.year or v.current_year())))
	)  # fmt: skip
	if by_person:
		query = query.where(Item.responsible_user.isnotnull())
	if (criterion := units_criterion(Unit, filters)) is not None:
		query = query.where(criterion)
	return query, Item, key, label, User


def data(filters, by_person):
	query, Item, key, label, User = base_query(filters, by_person)
	if by_person:
		query = query.left_join(User).on(User.name == Item.responsible_user)
	query = (
		query.select(
			key, label, Count("*"), Sum(Item.recorded_in_period),
			Sum(Case().when(Item.traffic_light == v.OVERDUE, 1).else_(0)),
		)
		.groupby(key, label)
		.orderby(label, key)
	)  # fmt: skip
	return [
		{
			"id": key_value,
			"label": label or key_value,
			"duties": duties,
			"recorded": int(recorded or 0),
			"overdue": int(overdue or 0),
			"progress": round(100 * int(recorded or 0) / duties, 1) if duties else 0,
		}
		for key_value, label, duties, recorded, overdue in query.run()
	]
