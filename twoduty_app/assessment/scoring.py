"""Automatic indicators of the year-end assessment (考核): each reads one unit's own rows for the year and
gives a score out of the indicator's points with the figures it came from.

A share measure scores `points × share`; a measure with nothing to measure (no task issued, no post owed an
interview) earns the full points, except where having no record is itself the shortfall (no duty list, no
checklist, no 三重一大 record: 无记录不得分). Education scores `points × min(1, held / target)`.
Deductions take `target` points per item until the indicator's points are gone (按件扣分，扣完为止).
The figures are kept on the assessment, so an assessor sees what a score rests on and a test can count the
raw rows against them."""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate, nowdate

from twoduty_app.assessment import registers
from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import year_bounds
from twoduty_app.supervision import coverage

# how many education activities a year earn the full points when the scheme names no target
DEFAULT_EDUCATION_TARGET = 4


@dataclass
class Measured:
	score: float
	figures: str


def measure(method: str, unit, year: int, points: float, target: float | None) -> Measured:
	"""Score `unit` (a TD Unit row with name, unit_type, department_category, lft, rgt) on `method`."""
	points = flt(points)
	if method in v.DEDUCTION_MEASURES:
		count, figures = MEASURES[method](unit, year)
		per_item = flt(target) or 1
		return Measured(round(max(0.0, points - per_item * count), 2), figures)
	if method == v.MEASURE_EDUCATION:
		held, figures = education_held(unit, year)
		wanted = flt(target) or DEFAULT_EDUCATION_TARGET
		return Measured(round(points * min(1.0, held / wanted), 2), figures)
	share, figures = MEASURES[method](unit, year)
	return Measured(round(points * share, 2), figures)


def _share(done: float, total: float, none_counts_full: bool) -> float:
	if not total:
		return 1.0 if none_counts_full else 0.0
	return min(1.0, done / total)


def duty_items_recorded(unit, year: int) -> tuple[float, str]:
	"""Share, by weight, of the unit's duty list items with at least one duty record of the year that
	counts towards progress (late entries only once the county approved them)."""
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": unit.name, "year": year}, "name")
	if not assignment:
		return 0.0, _("No duty list for the year")
	items = frappe.get_all(
		"TD Duty Assignment Item",
		filters={"parent": assignment, "parenttype": "TD Duty Assignment"},
		fields=["duty_item", "weight"],
	)
	weights: dict[str, float] = {}
	for item in items:
		weights[item.duty_item] = weights.get(item.duty_item, 0) + (flt(item.weight) or 1)
	start, end = year_bounds(year)
	Record = frappe.qb.DocType("TD Duty Record")
	Item = frappe.qb.DocType("TD Duty Record Item")
	done = set(
		frappe.qb.from_(Record)
		.join(Item)
		.on((Item.parent == Record.name) & (Item.parenttype == "TD Duty Record"))
		.select(Item.duty_item)
		.distinct()
		.where((Record.unit == unit.name) & (Record.counts == 1) & Record.record_date[start:end])
		.run(pluck=True)
	)
	total = sum(weights.values())
	met = sum(w for item, w in weights.items() if item in done)
	figures = _("{0} of {1} duty items have a counted record (weight {2} of {3})").format(
		sum(1 for item in weights if item in done), len(weights), _num(met), _num(total)
	)
	return _share(met, total, none_counts_full=False), figures


def tasks_closed_on_time(unit, year: int) -> tuple[float, str]:
	"""Share of the rectification tasks issued in the year to the unit and the units below it that were
	closed out by their deadline."""
	Task = frappe.qb.DocType("TD Rectification Task")
	start, end = year_bounds(year)
	issued, on_time = (
		frappe.qb.from_(Task)
		.join(_units())
		.on(Task.unit == _units().name)
		.select(
			Count(Task.name),
			Sum(
				Case().when((Task.workflow_state == v.CLOSED) & (Task.closed_on <= Task.deadline), 1).else_(0)
			),
		)
		.where(_in_branch(unit) & Task.issued_on[start:end] & (Task.workflow_state != v.CANCELLED))
		.run()[0]
	)
	issued, on_time = int(issued or 0), int(on_time or 0)
	if not issued:
		return 1.0, _("No rectification task issued in the year")
	figures = _("{0} of {1} tasks issued in the year closed out on time").format(on_time, issued)
	return _share(on_time, issued, none_counts_full=True), figures


def interview_coverage_met(unit, year: int) -> tuple[float, str]:
	"""Share of the interviews the unit owes the units below it under the county's rules (逐级约谈: its
	Party secretary and discipline secretary to theirs) that were held in the year."""
	totals = coverage.coverage_totals(year, {"interviewers": [unit.name]}, user="Administrator")
	owed, done = sum(t["owed"] for t in totals), sum(t["done"] for t in totals)
	if not owed:
		return 1.0, _("No unit below it owed an interview")
	figures = _("{0} of {1} units below it interviewed as the rules ask").format(done, owed)
	return _share(done, owed, none_counts_full=True), figures


def checklist_lines_confirmed(unit, year: int) -> tuple[float, str]:
	"""Share of the lines of the unit's checklists of the year that are met and confirmed by the county."""
	Checklist = frappe.qb.DocType("TD Unit Checklist")
	Line = frappe.qb.DocType("TD Unit Checklist Line")
	total, good = (
		frappe.qb.from_(Checklist)
		.join(Line)
		.on((Line.parent == Checklist.name) & (Line.parenttype == "TD Unit Checklist"))
		.select(
			Count(Line.name),
			Sum(
				Case()
				.when(
					(Line.status == v.MET) & (Line.confirmed == 1) & (Line.verdict == v.VERDICT_CONFIRMED), 1
				)
				.else_(0)
			),
		)
		.where((Checklist.unit == unit.name) & (Checklist.year == year))
		.run()[0]
	)
	total, good = int(total or 0), int(good or 0)
	if not total:
		return 0.0, _("No checklist for the year")
	figures = _("{0} of {1} checklist lines met and confirmed by the county").format(good, total)
	return _share(good, total, none_counts_full=False), figures


def decisions_without_flags(unit, year: int) -> tuple[float, str]:
	"""Share of the unit's 三重一大 records of the year in which the app found nothing wrong."""
	counts = registers.decision_counts(year, [unit.name]).get(unit.name) or {"decisions": 0, "flagged": 0}
	total, flagged = counts["decisions"], counts["flagged"]
	if not total:
		return 0.0, _("No major decision recorded in the year")
	figures = _("{0} major decisions recorded, {1} of them flagged").format(total, flagged)
	return _share(total - flagged, total, none_counts_full=False), figures


def education_held(unit, year: int) -> tuple[int, str]:
	held = (registers.education_counts(year, [unit.name]).get(unit.name) or {}).get("activities", 0)
	return held, _("{0} integrity education activities held").format(held)


def cases_decided(unit, year: int) -> tuple[int, str]:
	"""Accountability cases of the year decided about the unit or a unit below it."""
	Cases = frappe.qb.DocType("TD Accountability Case")
	count = (
		frappe.qb.from_(Cases)
		.join(_units())
		.on(Cases.unit == _units().name)
		.select(Count(Cases.name))
		.where(_in_branch(unit) & (Cases.year == year) & Cases.status.isin(v.CASE_KEPT_STATUSES))
		.run()[0][0]
	)
	return int(count or 0), _("{0} accountability cases decided").format(count or 0)


def overdue_tasks(unit, year: int) -> tuple[int, str]:
	"""Tasks issued in the year to the unit or a unit below it, still open past their deadline (as of the
	end of the year, or today for the current year)."""
	Task = frappe.qb.DocType("TD Rectification Task")
	start, end = year_bounds(year)
	as_of = min(getdate(nowdate()), end)
	count = (
		frappe.qb.from_(Task)
		.join(_units())
		.on(Task.unit == _units().name)
		.select(Count(Task.name))
		.where(
			_in_branch(unit)
			& Task.issued_on[start:end]
			& Task.workflow_state.isin([s for s in v.OPEN_STATES if s != v.DRAFT])
			& (Task.deadline < as_of)
		)
		.run()[0][0]
	)
	return int(count or 0), _("{0} tasks open past their deadline").format(count or 0)


def _units():
	return frappe.qb.DocType("TD Unit")


def _in_branch(unit):
	return _units().lft[int(unit.lft) : int(unit.rgt)]


def _num(value: float) -> str:
	return f"{flt(value):g}"


MEASURES = {
	v.MEASURE_DUTY_RECORDS: duty_items_recorded,
	v.MEASURE_TASKS_ON_TIME: tasks_closed_on_time,
	v.MEASURE_COVERAGE: interview_coverage_met,
	v.MEASURE_CHECKLISTS: checklist_lines_confirmed,
	v.MEASURE_DECISIONS: decisions_without_flags,
	v.MEASURE_CASES: cases_decided,
	v.MEASURE_OVERDUE: overdue_tasks,
}
