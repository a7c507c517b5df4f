# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""三重一大决策检查: the year's major decisions of the reader's branch, each with what the app found wrong with
it (assessment/registers.py), flagged ones first."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum

from twoduty_app.common.report_pages import first_page_message, limit_for_view
from twoduty_app.common.vocabulary import current_year
from twoduty_app.units.report_filters import scoped_from


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	total, flagged = totals(filters)
	summary = [
		{"label": _("Decisions"), "value": total, "indicator": "blue"},
		{"label": _("Flagged"), "value": flagged, "indicator": "red" if flagged else "green"},
	]
	return columns(), rows, first_page_message(len(rows), total), None, summary


def columns():
	return [
		{
			"fieldname": "name",
			"label": _("Major Decision"),
			"fieldtype": "Link",
			"options": "TD Major Decision",
			"width": 140,
		},
		{"fieldname": "unit_name", "label": _("Unit"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "decision_date",
			"label": _("Decision Date", context="TD Major Decision"),
			"fieldtype": "Date",
			"width": 100,
		},
		{"fieldname": "decision_kind", "label": _("Decision Kind"), "fieldtype": "Data", "width": 120},
		{"fieldname": "subject", "label": _("Matter Decided"), "fieldtype": "Data", "width": 220},
		{"fieldname": "amount", "label": _("Amount (Yuan)"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "meeting_kind", "label": _("Meeting Kind"), "fieldtype": "Data", "width": 130},
		{"fieldname": "flagged", "label": _("Flagged"), "fieldtype": "Check", "width": 70},
		{"fieldname": "flag_reasons", "label": _("Reasons Flagged"), "fieldtype": "Data", "width": 360},
		{"fieldname": "confirmed", "label": _("Confirmed by the County"), "fieldtype": "Check", "width": 90},
	]


def base_query(filters):
	query, Decision = scoped_from("TD Major Decision", filters)
	query = query.where(Decision.year == int(filters.year or current_year()))
	if filters.get("flagged_only"):
		query = query.where(Decision.flagged == 1)
	return query, Decision


def data(filters):
	query, Decision = base_query(filters)
	query = (
		query.select(
			Decision.name,
			Decision.unit_name,
			Decision.decision_date,
			Decision.decision_kind,
			Decision.subject,
			Decision.amount,
			Decision.meeting_kind,
			Decision.flagged,
			Decision.flag_reasons,
			Decision.confirmed,
		)
		.orderby(Decision.flagged, order=frappe.qb.desc)
		.orderby(Decision.decision_date)
	)
	rows = limit_for_view(query).run(as_dict=True)
	words = {}
	for row in rows:
		for fieldname in ("decision_kind", "meeting_kind"):
			value = row[fieldname]
			if value:
				row[fieldname] = words.setdefault(value, _(value))
		row.flag_reasons = "；".join((row.flag_reasons or "").splitlines())
	return rows


def totals(filters) -> tuple[int, int]:
	"""Every decision of the report and the flagged ones, counted in the database."""
	query, Decision = base_query(filters)
	total, flagged = query.select(Count("*"), Sum(Decision.flagged)).run()[0]
	return int(total or 0), int(flagged or 0)
