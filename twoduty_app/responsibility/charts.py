"""The standard charts (七类图表) the app draws from its own data, per unit and year.

The county keeps its chart kinds as checklist template lines (it may rename or replace them); a line that
names a generated chart (`generated_chart`) is met by the chart the app draws, not by an upload:
- the duty list (责任清单): the unit's duty assignment rows of the year, by layer and person;
- the breakdown of the principal duty (主体责任分解表): who carries which duty, 一岗双责 included;
- the supervision workflow (监督检查工作流程图: 约谈/督查 → 整改 → 复查 → 销号) and the accountability
  workflow (责任追究流程图: 提醒 → 督办 → 约谈 → 问责), the cycle's steps with the unit's counts of the year.

Each chart is a print format of the unit's checklist (`CHART_PRINT_FORMATS`), so that it goes through the
checklist's own doors and permission (the unit scope). Accountability cases are county-only: the figures
of cases are computed only for a county reader who is a member of no unit.

The supervision figures are read from the supervision tables directly (a peer domain's tables, not its
code), as the tally does."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import year_bounds
from twoduty_app.common.documents import save_as_system
from twoduty_app.permissions.county_only import is_unit_member
from twoduty_app.permissions.roles import has_any_role

CHECKLIST = "TD Unit Checklist"
# the steps of a task before it is closed out, as the supervision workflow shows them
RECTIFYING_STATES = (v.ISSUED, v.PLAN_SUBMITTED, v.IN_PROGRESS, v.REPORT_SUBMITTED, v.PENDING_RECHECK)


# -- the checklist lines met by a generated chart ---------------------------------------------------------
def can_draw(chart: str, unit: str, year: int) -> bool:
	"""The unit has the data the chart is drawn from: the year's duty assignment rows for the duty list,
	rows with a person responsible for the breakdown. The workflows are the app's own cycle: always drawn
	(their counts may be nought)."""
	if chart in (v.CHART_SUPERVISION_FLOW, v.CHART_ACCOUNTABILITY_FLOW):
		return True
	Assignment = frappe.qb.DocType("TD Duty Assignment")
	Item = frappe.qb.DocType("TD Duty Assignment Item")
	query = (
		frappe.qb.from_(Item)
		.join(Assignment)
		.on((Item.parent == Assignment.name) & (Item.parenttype == "TD Duty Assignment"))
		.select(Item.name)
		.where((Assignment.unit == unit) & (Assignment.year == int(year)))
		.limit(1)
	)
	if chart == v.CHART_DUTY_BREAKDOWN:
		query = query.where(Item.responsible_user.isnotnull() & (Item.responsible_user != ""))
	return bool(query.run())


def refresh_generated_lines(checklist) -> bool:
	"""Sets each line with a generated chart that the county has not reviewed yet to Met or Not Met, from the
	data; returns whether a line changed."""
	changed = False
	drawable: dict[str, bool] = {}
	for line in checklist.lines:
		if not line.generated_chart or line.confirmed:
			continue
		if line.generated_chart not in drawable:
			drawable[line.generated_chart] = can_draw(line.generated_chart, checklist.unit, checklist.year)
		status = v.MET if drawable[line.generated_chart] else v.NOT_MET
		if line.status != status:
			line.status, changed = status, True
	return changed


def refresh_unit_checklists(unit: str, year: int) -> int:
	"""After the data of a chart changed (a duty assignment saved): the unit's checklists of the year with an
	unreviewed generated line follow it. Returns the checklists saved."""
	Checklist = frappe.qb.DocType(CHECKLIST)
	Line = frappe.qb.DocType("TD Unit Checklist Line")
	names = (
		frappe.qb.from_(Checklist)
		.join(Line)
		.on((Line.parent == Checklist.name) & (Line.parenttype == CHECKLIST))
		.select(Checklist.name)
		.distinct()
		.where((Checklist.unit == unit) & (Checklist.year == int(year)))
		.where(Line.generated_chart.isin(v.GENERATED_CHARTS) & (Line.confirmed == 0))
		.run(pluck=True)
	)
	saved = 0
	for name in names:
		doc = frappe.get_doc(CHECKLIST, name)
		if refresh_generated_lines(doc):
			# derived statuses, not a person's change: a closed year's lock lets them follow the data
			doc.flags.twoduty_derived_only = True
			save_as_system(doc)
			saved += 1
	return saved


# -- what the print formats draw (a Jinja method) --------------------------------------------------------
def chart_data(doc, chart: str) -> frappe._dict:
	"""The figures of one generated chart for the checklist's unit and year, for the person printing it."""
	if getattr(doc, "doctype", None) != CHECKLIST or chart not in v.GENERATED_CHARTS:
		frappe.throw(_("A generated chart is printed from a unit's checklist."))
	doc.check_permission("print")
	unit, year = doc.unit, int(doc.year)
	data = frappe._dict(chart=chart, drawn_on=getdate(nowdate()))
	if chart in (v.CHART_DUTY_LIST, v.CHART_DUTY_BREAKDOWN):
		rows = duty_rows(unit, year)
		data.rows = rows
		data.layers = [(layer, [r for r in rows if r.duty_layer == layer]) for layer in v.DUTY_LAYERS]
		data.holders = holders(unit, rows)
	elif chart == v.CHART_SUPERVISION_FLOW:
		data.update(supervision_figures(unit, year))
	else:
		data.update(escalation_figures(unit, year))
		data.cases = case_figures(unit, year) if may_read_cases() else None
	return data


def duty_rows(unit: str, year: int) -> list[frappe._dict]:
	"""The unit's assignment rows of the year, in their order, with the names of the people carrying them."""
	Assignment = frappe.qb.DocType("TD Duty Assignment")
	Item = frappe.qb.DocType("TD Duty Assignment Item")
	rows = (
		frappe.qb.from_(Item)
		.join(Assignment)
		.on((Item.parent == Assignment.name) & (Item.parenttype == "TD Duty Assignment"))
		.select(
			Item.duty_item,
			Item.item_name,
			Item.duty_layer,
			Item.responsible_user,
			Item.overseen_units,
			Item.frequency,
		)
		.where((Assignment.unit == unit) & (Assignment.year == int(year)))
		.orderby(Item.idx)
		.run(as_dict=True)
	)
	names = _full_names({r.responsible_user for r in rows if r.responsible_user})
	for row in rows:
		row.person_name = names.get(row.responsible_user, row.responsible_user or "")
	return rows


def holders(unit: str, rows: list[dict]) -> list[frappe._dict]:
	"""Who carries which duties: the leadership team (its collective duties) first, then each person in the
	order of the posts (Party secretary, administrative head, discipline secretary, team members), with the
	units each oversees (一岗双责)."""
	positions = dict(
		frappe.get_all(
			"TD Unit Member",
			filters={"parenttype": "TD Unit", "parent": unit, "is_current": 1},
			fields=["user", "position"],
			as_list=True,
		)
	)
	team = frappe._dict(user=None, person_name=None, position=None, rows=[], overseen=[])
	people: dict[str, frappe._dict] = {}
	for row in rows:
		if not row.responsible_user:
			team.rows.append(row)
			continue
		holder = people.setdefault(
			row.responsible_user,
			frappe._dict(
				user=row.responsible_user,
				person_name=row.person_name,
				position=positions.get(row.responsible_user),
				rows=[],
				overseen=[],
			),
		)
		holder.rows.append(row)
		for name in (row.overseen_units or "").split("、"):
			if name and name not in holder.overseen:
				holder.overseen.append(name)
	order = {position: i for i, position in enumerate(v.POSITIONS)}
	ranked = sorted(people.values(), key=lambda h: order.get(h.position, len(order)))
	return ([team] if team.rows else []) + ranked


def supervision_figures(unit: str, year: int) -> dict:
	"""约谈/督查 → 整改 → 复查 → 销号, with the unit's counts of the year: interviews held and inspections made
	that name the unit (as main unit or unit concerned), its tasks issued in the year by state, its rechecks
	of the year passed and failed, and its tasks closed out (on time)."""
	start, end = year_bounds(year)
	Concerned = frappe.qb.DocType("TD Concerned Unit")

	def concerning(table, doctype: str):
		named = (
			frappe.qb.from_(Concerned)
			.select(Concerned.parent)
			.where((Concerned.parenttype == doctype) & (Concerned.unit == unit))
		)
		return (table.unit == unit) | table.name.isin(named)

	Interview = frappe.qb.DocType("TD Interview")
	interviews = (
		frappe.qb.from_(Interview)
		.select(Count("*"))
		.where(concerning(Interview, "TD Interview") & Interview.status.isin(v.HELD_STATUSES))
		.where(Interview.held_on[start:end])
		.run()[0][0]
	)
	Inspection = frappe.qb.DocType("TD Inspection")
	inspections = (
		frappe.qb.from_(Inspection)
		.select(Count("*"))
		.where(concerning(Inspection, "TD Inspection"))
		.where(Coalesce(Inspection.period_to, Inspection.period_from)[start:end])
		.run()[0][0]
	)
	tasks = _tasks_by_state(unit, year)
	Task = frappe.qb.DocType("TD Rectification Task")
	on_time = (
		frappe.qb.from_(Task)
		.select(Count("*"))
		.where((Task.unit == unit) & Task.issued_on[start:end] & (Task.workflow_state == v.CLOSED))
		.where(Task.closed_on <= Task.deadline)
		.run()[0][0]
	)
	Recheck = frappe.qb.DocType("TD Recheck")
	results = dict(
		frappe.qb.from_(Recheck)
		.select(Recheck.result, Count("*"))
		.where((Recheck.unit == unit) & (Recheck.docstatus == 1) & Recheck.recheck_date[start:end])
		.groupby(Recheck.result)
		.run()
	)
	return {
		"interviews": interviews,
		"inspections": inspections,
		"issued": sum(n for state, n in tasks.items() if state != v.DRAFT),
		"rectifying": [(state, tasks.get(state, 0)) for state in RECTIFYING_STATES],
		"rechecks": results.get(v.PASS, 0) + results.get(v.FAIL, 0),
		"rechecks_passed": results.get(v.PASS, 0),
		"rechecks_failed": results.get(v.FAIL, 0),
		"closed": tasks.get(v.CLOSED, 0),
		"closed_on_time": on_time,
		"revoked": tasks.get(v.CANCELLED, 0),
	}


def _tasks_by_state(unit: str, year: int) -> dict[str, int]:
	start, end = year_bounds(year)
	Task = frappe.qb.DocType("TD Rectification Task")
	return dict(
		frappe.qb.from_(Task)
		.select(Task.workflow_state, Count("*"))
		.where((Task.unit == unit) & Task.issued_on[start:end])
		.groupby(Task.workflow_state)
		.run()
	)


def escalation_figures(unit: str, year: int) -> dict:
	"""提醒 → 督办 → 约谈: the unit's tasks issued in the year that reached each step of the escalation."""
	start, end = year_bounds(year)
	Task = frappe.qb.DocType("TD Rectification Task")

	def reached(field):
		return Sum(Case().when(Task[field] > 0, 1).else_(0))

	issued, reminded, noticed, interviewed = (
		frappe.qb.from_(Task)
		.select(Count("*"), reached("reminded_round"), reached("notice_round"), reached("interview_round"))
		.where((Task.unit == unit) & Task.issued_on[start:end] & (Task.workflow_state != v.DRAFT))
		.run()[0]
	)
	return {
		"issued": issued,
		"reminded": int(reminded or 0),
		"noticed": int(noticed or 0),
		"interviewed": int(interviewed or 0),
	}


def may_read_cases(user: str | None = None) -> bool:
	"""Accountability cases are the county's: a county reader who is a member of no unit (permissions/
	county_only.py)."""
	return not is_unit_member(user) and has_any_role(v.COUNTY_READER_ROLES, user)


def case_figures(unit: str, year: int) -> dict:
	"""问责: the unit's tasks whose escalation proposed accountability, its cases of the year opened (past their
	draft), those decided, and the people held accountable by them (a decision other than no accountability)."""
	start, end = year_bounds(year)
	Task = frappe.qb.DocType("TD Rectification Task")
	proposed = (
		frappe.qb.from_(Task)
		.select(Count("*"))
		.where((Task.unit == unit) & Task.issued_on[start:end] & (Task.case_round > 0))
		.run()[0][0]
	)
	Case_ = frappe.qb.DocType("TD Accountability Case")
	statuses = dict(
		frappe.qb.from_(Case_)
		.select(Case_.status, Count("*"))
		.where((Case_.unit == unit) & (Case_.year == int(year)))
		.groupby(Case_.status)
		.run()
	)
	Line = frappe.qb.DocType("TD Accountability Line")
	people = (
		frappe.qb.from_(Line)
		.join(Case_)
		.on((Line.parent == Case_.name) & (Line.parenttype == "TD Accountability Case"))
		.select(Count("*"))
		.where((Case_.unit == unit) & (Case_.year == int(year)) & Case_.status.isin(v.CASE_KEPT_STATUSES))
		.where(Line.decided_handling.isnotnull() & (Line.decided_handling != v.NO_ACCOUNTABILITY))
		.where(Line.decided_handling != "")
		.run()[0][0]
	)
	return {
		"proposed": proposed,
		"cases": sum(n for status, n in statuses.items() if status != v.DRAFT),
		"decided": sum(statuses.get(s, 0) for s in v.CASE_KEPT_STATUSES),
		"people": people,
	}


def _full_names(users: set[str]) -> dict[str, str]:
	if not users:
		return {}
	return {
		name: full_name or name
		for name, full_name in frappe.get_all(
			"User", filters={"name": ("in", list(users))}, fields=["name", "full_name"], as_list=True
		)
	}
