# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""问责台账: every accountability case by unit, category, year, trigger and handling, with the people of
both lines (一案双查); a case with no row on one line is flagged. The county's readers only: a member of any
unit reads nothing here, whatever role he or she holds. Totals are counted in the database."""

import frappe
from frappe import _
from frappe.query_builder import Case as When
from frappe.query_builder import Criterion
from frappe.query_builder.functions import Concat_ws, Count, IfNull, Sum
from frappe.utils import cint
from pypika.functions import Replace
from pypika.terms import AggregateFunction, Field, ValueWrapper

from twoduty_app.common import vocabulary as v
from twoduty_app.common.report_columns import unit_columns
from twoduty_app.common.report_pages import first_page_message, limit_for_view
from twoduty_app.permissions.county_only import check_county_reader
from twoduty_app.units.report_filters import units_criterion

CASE = "TD Accountability Case"


def execute(filters=None):
	check_county_reader()
	filters = frappe._dict(filters or {})
	rows = data(filters)
	totals, handlings = count_totals(filters)
	return (
		columns(),
		rows,
		first_page_message(len(rows), totals.cases),
		chart(handlings),
		summary(totals, handlings),
	)


def columns():
	unit, unit_name, _unit_type = unit_columns()
	return [
		{"fieldname": "name", "label": _(CASE), "fieldtype": "Link", "options": CASE, "width": 130},
		unit,
		unit_name,
		{"fieldname": "category", "label": _("Category"), "fieldtype": "Data", "width": 130},
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70},
		{"fieldname": "trigger", "label": _("Trigger"), "fieldtype": "Data", "width": 120},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "principal", "label": _(v.PRINCIPAL_DUTY), "fieldtype": "Data", "width": 220},
		{"fieldname": "supervisory", "label": _(v.SUPERVISORY_DUTY), "fieldtype": "Data", "width": 220},
		{"fieldname": "missing_line", "label": _("Line Missing"), "fieldtype": "Data", "width": 120},
		{"fieldname": "document_number", "label": _("Document Number"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "decided_on",
			"label": _("Decided On", context=CASE),
			"fieldtype": "Date",
			"width": 100,
		},
	]


def _lines_of(line: str):
	"""Cases that have a row on `line`."""
	Line = frappe.qb.DocType("TD Accountability Line")
	return (
		frappe.qb.from_(Line)
		.select(Line.parent)
		.where((Line.parenttype == CASE) & (Line.parentfield == "lines") & (Line.line == line))
	)


def missing_a_line(Case):
	"""The case has no row on one of the two lines."""
	return Case.name.notin(_lines_of(v.PRINCIPAL_DUTY)) | Case.name.notin(_lines_of(v.SUPERVISORY_DUTY))


def base_query(filters):
	"""Cases matching the filters, joined to their unit."""
	Case = frappe.qb.DocType(CASE)
	Unit = frappe.qb.DocType("TD Unit")
	query = frappe.qb.from_(Case).join(Unit).on(Unit.name == Case.unit)
	if filters.get("year"):
		query = query.where(Case.year == cint(filters.year))
	for fieldname in ("trigger", "status"):
		if filters.get(fieldname):
			query = query.where(Case[fieldname] == filters[fieldname])
	if filters.get("handling"):
		Line = frappe.qb.DocType("TD Accountability Line")
		query = query.where(
			Case.name.isin(
				frappe.qb.from_(Line)
				.select(Line.parent)
				.where((Line.parenttype == CASE) & (Line.decided_handling == filters.handling))
			)
		)
	if cint(filters.get("missing_line")):
		query = query.where(missing_a_line(Case))
	if (criterion := units_criterion(Unit, filters)) is not None:
		query = query.where(criterion)
	return query, Case, Unit


# a case's people come back in one column: person after person, and line, name and handling within one
PEOPLE_SEPARATOR = "\x1e"
FIELD_SEPARATOR = "\x1f"


class OrderedGroupConcat(AggregateFunction):
	"""GROUP_CONCAT(term ORDER BY order_by SEPARATOR separator)."""

	def __init__(self, term, order_by, separator: str):
		super().__init__("GROUP_CONCAT", term)
		self.order_by, self.separator = order_by, separator

	def get_special_params_sql(self, **kwargs):
		return f"ORDER BY {self.order_by.get_sql(**kwargs)} SEPARATOR {ValueWrapper(self.separator).get_sql(**kwargs)}"


def people_of_case(Case):
	"""The case's people, in row order, as one text (a correlated subquery: one query for the page)."""
	Line = frappe.qb.DocType("TD Accountability Line")
	# the name as the row keeps it (fetched from the person when the row was saved: a decision names the
	# person as he was called then)
	name = IfNull(Line.full_name, Line.person)
	for separator in (PEOPLE_SEPARATOR, FIELD_SEPARATOR):  # never in a name, whatever was typed
		name = Replace(name, separator, "")
	person = Concat_ws(
		FIELD_SEPARATOR, IfNull(Line.line, ""), IfNull(name, ""), IfNull(Line.decided_handling, "")
	)
	return (
		frappe.qb.from_(Line)
		.select(OrderedGroupConcat(person, Line.idx, PEOPLE_SEPARATOR))
		.where((Line.parent == Case.name) & (Line.parenttype == CASE) & (Line.parentfield == "lines"))
	)


def data(filters) -> list[dict]:
	query, Case, Unit = base_query(filters)
	category = When().when(Unit.unit_type == v.DEPARTMENT, Unit.department_category).else_(Unit.unit_type)
	rows = limit_for_view(
		query.select(
			Case.name,
			Case.unit,
			Unit.unit_name,
			category.as_("category"),
			Case.year,
			Case.trigger,
			Case.status,
			Case.document_number,
			Case.decided_on,
			people_of_case(Case).as_("people"),
		)
		.orderby(Case.year, order=frappe.qb.desc)
		.orderby(Case.name, order=frappe.qb.desc)
	).run(as_dict=True)
	words: dict[tuple[str, str | None], str] = {}  # each word translated once for the page

	def word(text: str, context: str | None = None) -> str:
		if (text, context) not in words:
			words[(text, context)] = _(text, context=context)
		return words[(text, context)]

	pattern = _("{0} ({1})")
	for row in rows:
		lines: dict[str, list[str]] = {}
		people = row.pop("people", None)
		for person in people.split(PEOPLE_SEPARATOR) if people else ():
			line, label, handling = person.split(FIELD_SEPARATOR)
			lines.setdefault(line, []).append(pattern.format(label, word(handling)) if handling else label)
		row.principal = "、".join(lines.get(v.PRINCIPAL_DUTY, []))
		row.supervisory = "、".join(lines.get(v.SUPERVISORY_DUTY, []))
		row.missing_line = "、".join(word(line) for line in v.DUTY_LINES if not lines.get(line))
		row.category = word(row.category) if row.category else ""
		row.trigger = word(row.trigger, CASE)
		row.status = word(row.status, CASE)
	return rows


def count_totals(filters) -> tuple[frappe._dict, dict[str, int]]:
	"""Every matching case, those missing a line, and their people by decided handling (undecided rows
	under ""): one query, counted in the database (per case, then summed)."""
	query, Case, _Unit = base_query(filters)
	Line = frappe.qb.DocType("TD Accountability Line")

	def rows_where(criterion):
		return Sum(When().when(criterion, 1).else_(0))

	handlings = ("", *v.HANDLINGS)
	per_case = (
		query.left_join(Line)
		.on((Line.parent == Case.name) & (Line.parenttype == CASE) & (Line.parentfield == "lines"))
		.select(
			Case.name,
			*(rows_where(Line.line == line).as_(f"line_{i}") for i, line in enumerate(v.DUTY_LINES)),
			# an undecided row (NULL or ""), then each handling
			rows_where(Line.name.notnull() & (IfNull(Line.decided_handling, "") == "")).as_("handling_0"),
			*(
				rows_where(Line.decided_handling == h).as_(f"handling_{i}")
				for i, h in enumerate(handlings[1:], start=1)
			),
		)
		.groupby(Case.name)
	).as_("per_case")
	missing = (
		When()
		.when(Criterion.any([Field(f"line_{i}", table=per_case) == 0 for i in range(len(v.DUTY_LINES))]), 1)
		.else_(0)
	)
	cases, missing_count, *people = (
		frappe.qb.from_(per_case)
		.select(
			Count("*"),
			Sum(missing),
			*(Sum(Field(f"handling_{i}", table=per_case)) for i in range(len(handlings))),
		)
		.run()[0]
	)
	totals = frappe._dict(cases=int(cases or 0), missing=int(missing_count or 0))
	return totals, {h: int(n) for h, n in zip(handlings, people, strict=True) if n}


def chart(handlings: dict[str, int]):
	ordered = [(h, handlings[h]) for h in v.HANDLINGS if handlings.get(h)]
	return {
		"data": {
			"labels": [_(h) for h, _n in ordered],
			"datasets": [{"name": _("People"), "values": [n for _h, n in ordered]}],
		},
		"type": "bar",
	}


def summary(totals, handlings: dict[str, int]) -> list[dict]:
	held = sum(n for h, n in handlings.items() if h and h != v.NO_ACCOUNTABILITY)
	return [
		{"label": _("Cases"), "value": totals.cases, "indicator": "blue"},
		{
			"label": _("Cases Missing a Line"),
			"value": totals.missing,
			"indicator": "red" if totals.missing else "green",
		},
		{"label": _("People Held Accountable"), "value": held, "indicator": "orange"},
	]
