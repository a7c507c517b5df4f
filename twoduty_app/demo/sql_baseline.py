"""What each report would cost as bare SQL: a hand-written query per report giving the same figures over the
same rows, for the province-wide viewer (no unit scope), so that the benchmark can say how much the report
itself adds (its Python, Frappe's report runner, the translation of its rows).

Each baseline returns the report's figures as the query computes them; `report_figures` reads the same
figures from the report's answer (the rows of its first page and the totals it shows), and the benchmark
prints whether they agree. The queries are written out in SQL on purpose, independent of the reports'
query builders: a report that filtered or counted differently would disagree."""

import re
from collections.abc import Callable
from datetime import date

import frappe

from twoduty_app.common import vocabulary as v
from twoduty_app.common.report_pages import PAGE
from twoduty_app.supervision.coverage import configured_rules

Figures = dict[str, int]


def _in(values) -> str:
	return ", ".join(frappe.db.escape(value) for value in values)


def _year(year: int) -> dict:
	return {"start": date(year, 1, 1), "end": date(year, 12, 31), "year": year, "page": PAGE}


def rectification_ledger(year: int) -> Figures:
	page = frappe.db.sql(
		"""select name, unit_name, problem, measures, deadline, workflow_state, traffic_light, round,
			extensions, paused, closed_on
		from `tabTD Rectification Task` where issued_on between %(start)s and %(end)s
		order by deadline limit %(page)s""",
		_year(year),
	)
	by_state = frappe.db.sql(
		"""select workflow_state, count(*) from `tabTD Rectification Task`
		where issued_on between %(start)s and %(end)s group by workflow_state""",
		_year(year),
	)
	return {"rows shown": len(page), "rows": sum(n for _state, n in by_state)}


def overdue_and_escalations(year: int) -> Figures:
	where = f"""t.workflow_state in ({_in(v.UNIT_TURN_STATES)}) and t.paused = 0
		and (t.traffic_light = {frappe.db.escape(v.OVERDUE)} or t.escalation_level != '')
		and t.issued_on between %(start)s and %(end)s"""
	page = frappe.db.sql(
		f"""select t.name, t.unit_name, t.problem, t.deadline, t.workflow_state, t.escalation_level, t.round,
			t.failed_rechecks, t.extensions
		from `tabTD Rectification Task` t
		where {where} order by t.deadline limit %(page)s""",
		_year(year),
	)
	by_level = frappe.db.sql(
		f"select escalation_level, count(*) from `tabTD Rectification Task` t where {where} group by 1",
		_year(year),
	)
	return {"rows shown": len(page), "rows": sum(n for _level, n in by_level)}


def horizontal_comparison(year: int) -> Figures:
	"""Per kind of first-level unit: its units, tasks issued and interviews held (from the tally)."""
	rows = frappe.db.sql(
		f"""select u.unit_type, count(distinct u.name), sum(ifnull(t.tasks_issued, 0)),
			sum(ifnull(t.interviews_held, 0))
		from `tabTD Unit` u left join `tabTD Unit Tally` t on t.first_level_unit = u.name and t.year = %(year)s
		where u.unit_type in ({_in(v.FIRST_LEVEL_TYPES)})
		group by u.unit_type""",
		_year(year),
	)
	return {
		"units": sum(int(r[1]) for r in rows),
		"tasks": sum(int(r[2]) for r in rows),
		"interviews": sum(int(r[3]) for r in rows),
	}


def vertical_reach(year: int) -> Figures:
	"""Per first-level unit: its grassroots units, and those with activity in the year (from the tally)."""
	months = (1 << 12) - 1
	first = f"f.unit_type in ({_in(v.FIRST_LEVEL_TYPES)})"
	total = frappe.db.sql(
		f"""select f.name, f.unit_name, count(g.name)
		from `tabTD Unit` f left join `tabTD Unit` g on g.parent_td_unit = f.name
			and g.unit_type in ({_in(v.GRASSROOTS_TYPES)})
		where {first} group by f.name, f.unit_name"""
	)
	active = frappe.db.sql(
		f"""select t.first_level_unit, count(*) from `tabTD Unit Tally` t
		join `tabTD Unit` f on f.name = t.first_level_unit
		where t.year = %(year)s and t.unit != t.first_level_unit and (t.active_months & {months}) != 0
			and {first}
		group by t.first_level_unit""",
		_year(year),
	)
	return {"grassroots units": sum(n for *_unit, n in total), "with activity": sum(n for _u, n in active)}


def duty_progress(year: int) -> Figures:
	"""Per unit: duties assigned this year and those with a record in the period."""
	rows = frappe.db.sql(
		"""select a.unit, count(*), sum(i.recorded_in_period)
		from `tabTD Duty Assignment Item` i join `tabTD Duty Assignment` a on a.name = i.parent
		where i.parenttype = 'TD Duty Assignment' and a.year = %(year)s
		group by a.unit""",
		_year(year),
	)
	return {
		"units": len(rows),
		"duties": sum(int(r[1]) for r in rows),
		"recorded": sum(int(r[2] or 0) for r in rows),
	}


def interview_coverage(year: int) -> Figures:
	"""The county's posts of every first-level unit and those it interviewed this year; and the page: the
	posts not yet interviewed first, in tree order, with who holds each today."""
	posts = {}
	for rule in configured_rules():
		if rule.interviewer_type == v.COUNTY and rule.positions:
			posts[rule.interviewee_type] = rule.positions
	each_post = " union all ".join(
		f"select {frappe.db.escape(t)} unit_type, {frappe.db.escape(p)} position"
		for t in v.FIRST_LEVEL_TYPES
		for p in posts.get(t, (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY))
	)
	interviewed = """exists (select 1 from `tabTD Coverage Mark` k where k.unit = u.name and k.year = %(year)s
		and k.position = p.position and (k.interviewer_unit = u.parent_td_unit or k.interviewer_unit = ''))"""
	page = frappe.db.sql(
		f"""select u.name, u.unit_name, p.position, m.user, m.full_name, {interviewed} interviewed
		from `tabTD Unit` u join ({each_post}) p on p.unit_type = u.unit_type
		left join `tabTD Unit Member` m on m.parenttype = 'TD Unit' and m.parent = u.name
			and m.position = p.position and (m.from_date is null or m.from_date <= curdate())
			and (m.to_date is null or m.to_date >= curdate())
		order by interviewed, u.lft limit %(page)s""",
		_year(year),
	)
	total, done = frappe.db.sql(
		f"""select count(*), sum({interviewed})
		from `tabTD Unit` u join ({each_post}) p on p.unit_type = u.unit_type""",
		_year(year),
	)[0]
	return {"rows shown": len(page), "posts": int(total), "interviewed": int(done or 0)}


def cascade_coverage(year: int) -> Figures:
	"""Per rule: the units owed by interviewers of the level, and those covered (once a year: a mark of
	the unit's interviewer for each post, or the unit itself)."""
	owed = done = 0
	for rule in configured_rules():
		positions = rule.positions or ("",)
		by = (
			"(k.interviewer_unit = c.parent_td_unit or k.interviewer_unit = '')"
			if rule.of_the_county
			else ("k.interviewer_unit = c.parent_td_unit")
		)
		covered = " and ".join(
			f"""exists (select 1 from `tabTD Coverage Mark` k where k.unit = c.name and k.year = %(year)s
				and k.position = {frappe.db.escape(p)} and {by})"""
			for p in positions
		)
		per_interviewer = frappe.db.sql(
			f"""select p.name, count(*), sum({covered})
			from `tabTD Unit` c join `tabTD Unit` p on p.name = c.parent_td_unit
			where c.unit_type = %(child)s and p.unit_type = %(parent)s
			group by p.name order by p.lft""",
			{"year": year, "child": rule.interviewee_type, "parent": rule.interviewer_type},
		)
		owed += sum(int(n) for _p, n, _d in per_interviewer)
		done += sum(int(d or 0) for _p, _n, d in per_interviewer)
	return {"owed": owed, "interviewed": done}


def accountability_ledger(year: int) -> Figures:
	"""The year's cases (a page, newest first, with the people on each line), those missing a line, and
	the people held accountable (by decided handling)."""
	page = frappe.db.sql(
		f"""select c.name, c.unit, u.unit_name,
			case when u.unit_type = {frappe.db.escape(v.DEPARTMENT)} then u.department_category
				else u.unit_type end, c.year, c.trigger, c.status, c.document_number, c.decided_on
		from `tabTD Accountability Case` c join `tabTD Unit` u on u.name = c.unit
		where c.year = %(year)s order by c.year desc, c.name desc limit %(page)s""",
		_year(year),
	)
	if page:
		frappe.db.sql(
			"""select l.parent, l.line, ifnull(l.full_name, l.person), l.decided_handling
			from `tabTD Accountability Line` l
			where l.parenttype = 'TD Accountability Case' and l.parent in %(names)s order by l.idx""",
			{"names": [r[0] for r in page]},
		)
	has_line = """exists (select 1 from `tabTD Accountability Line` l where l.parenttype = 'TD Accountability Case'
		and l.parent = c.name and l.line = {})"""
	missing = " or ".join(f"not {has_line.format(frappe.db.escape(line))}" for line in v.DUTY_LINES)
	total, missing_count = frappe.db.sql(
		f"""select count(*), sum({missing}) from `tabTD Accountability Case` c
		where c.year = %(year)s""",
		_year(year),
	)[0]
	held = frappe.db.sql(
		f"""select count(*) from `tabTD Accountability Case` c join `tabTD Accountability Line` l
			on l.parent = c.name and l.parenttype = 'TD Accountability Case'
		where c.year = %(year)s and ifnull(l.decided_handling, '') not in
			('', {frappe.db.escape(v.NO_ACCOUNTABILITY)})""",
		_year(year),
	)[0][0]
	return {
		"rows shown": len(page),
		"rows": int(total),
		"missing a line": int(missing_count or 0),
		"held accountable": int(held),
	}


def assessment_ranking(year: int) -> Figures:
	"""The year's assessments ranked within their category (a page), and how many there are."""
	order = ", ".join(frappe.db.escape(g) for g in v.COMPARISON_GROUPS)
	page = frappe.db.sql(
		f"""select a.name, a.unit, a.unit_name, a.comparison_group, a.self_total, a.final_total, a.gap,
			a.grade, a.status,
			rank() over (partition by a.comparison_group order by a.final_total desc)
		from `tabTD Assessment` a where a.year = %(year)s
		order by field(a.comparison_group, {order}), a.final_total desc, a.unit_name limit %(page)s""",
		_year(year),
	)
	total = frappe.db.sql("select count(*) from `tabTD Assessment` where year = %(year)s", _year(year))[0][0]
	return {"rows shown": len(page), "first": page[0][1] if page else None, "rows": int(total)}


BASELINES: dict[str, Callable[[int], Figures]] = {
	"Rectification Ledger": rectification_ledger,
	"Overdue and Escalations": overdue_and_escalations,
	"Horizontal Comparison": horizontal_comparison,
	"Vertical Reach": vertical_reach,
	"Duty Progress": duty_progress,
	"Interview Coverage": interview_coverage,
	"Cascade Coverage": cascade_coverage,
	"Accountability Ledger": accountability_ledger,
	"Assessment Ranking": assessment_ranking,
}


def _chart_total(answer: dict) -> int:
	return int(
		sum(sum(d["values"]) for d in ((answer.get("chart") or {}).get("data") or {}).get("datasets", []))
	)


def _summary(answer: dict) -> list[int]:
	return [int(s["value"]) for s in answer.get("report_summary") or []]


def report_figures(report: str, answer: dict) -> Figures:
	"""The same figures as the report's answer (`frappe.desk.query_report.run`'s message) shows them."""
	rows = answer.get("result") or []
	if report in ("Rectification Ledger", "Overdue and Escalations"):
		return {"rows shown": len(rows), "rows": _chart_total(answer)}
	if report == "Horizontal Comparison":
		top = [r for r in rows if isinstance(r, dict) and not r.get("indent")]
		return {
			"units": sum(r["units"] for r in top),
			"tasks": sum(r["tasks"] for r in top),
			"interviews": sum(r["interviews"] for r in top),
		}
	if report == "Vertical Reach":
		total, active, _none = _summary(answer)
		return {"grassroots units": total, "with activity": active}
	if report == "Duty Progress":
		units, duties, recorded = _summary(answer)
		return {"units": units, "duties": duties, "recorded": recorded}
	if report == "Interview Coverage":
		interviewed, not_interviewed = _summary(answer)
		return {"rows shown": len(rows), "posts": interviewed + not_interviewed, "interviewed": interviewed}
	if report == "Cascade Coverage":
		owed, interviewed, *_rest = _summary(answer)
		return {"owed": owed, "interviewed": interviewed}
	if report == "Accountability Ledger":
		cases, missing, held = _summary(answer)
		return {"rows shown": len(rows), "rows": cases, "missing a line": missing, "held accountable": held}
	if report == "Assessment Ranking":
		total = (
			int(re.sub(r"\D", " ", answer.get("message") or "").split()[-1])
			if answer.get("message")
			else len(rows)
		)
		return {"rows shown": len(rows), "first": rows[0]["unit"] if rows else None, "rows": total}
	raise KeyError(report)
