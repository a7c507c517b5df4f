"""Province-sized data for the benchmark: bulk inserts of tasks, interviews, duty assignments and records.

Rows are written as the app would leave them after it has run for a while (escalation markers set for
thresholds crossed before today), so that a benchmark of the daily job measures a normal day."""

import random
from datetime import date, timedelta

import frappe
from frappe.utils import now

from twoduty_app.common import vocabulary as v
from twoduty_app.responsibility.assignments import catalogue_by_unit_type
from twoduty_app.supervision import escalation
from twoduty_app.supervision import task_states as ts

CHUNK = 5000
STATE_MIX = [
	(ts.CLOSED, 50), (ts.IN_PROGRESS, 16), (ts.ISSUED, 10), (ts.PLAN_SUBMITTED, 5), (ts.REPORT_SUBMITTED, 5),
	(ts.PENDING_RECHECK, 5), (ts.CANCELLED, 4), (ts.DRAFT, 5),
]  # fmt: skip


STAMP_COLUMNS = ("creation", "modified", "owner", "modified_by")


def columns(*own: str) -> tuple[str, ...]:
	"""The columns of a bulk insert: name, the doctype's own fields, then the stamps."""
	return ("name", *own, *STAMP_COLUMNS)


def child_columns(*own: str) -> tuple[str, ...]:
	return columns("parent", "parenttype", "parentfield", "idx", *own)


def _weighted(rng, pairs):
	return rng.choices([p for p, _w in pairs], weights=[w for _p, w in pairs])[0]


def _insert(doctype: str, fields: tuple, rows: list[tuple]) -> None:
	for i in range(0, len(rows), CHUNK):
		frappe.db.bulk_insert(doctype, fields, rows[i : i + CHUNK])
	frappe.db.commit()  # bulk loader: keep each table's rows


def _units(types: tuple[str, ...]) -> list[str]:
	return frappe.get_all("TD Unit", filters={"unit_type": ("in", types)}, pluck="name", order_by="lft asc")


def build_tasks(count: int, today: date, seed: int = 1, log=print, start: int = 0) -> int:
	rng = random.Random(seed)
	units = _units(v.UNIT_TYPES[1:])
	stamp, user = now(), "Administrator"
	fields = (
		"name", "unit", "unit_name", "problem", "rectification_kind", "issued_on", "deadline", "round", "workflow_state",
		"traffic_light", "escalation_level", "reminded_round", "notice_round", "interview_round", "failed_rechecks",
		"closed_on", "returned", "creation", "modified", "owner", "modified_by",
	)  # fmt: skip
	names = dict(frappe.get_all("TD Unit", fields=["name", "unit_name"], as_list=True))
	rows = []
	for i in range(start, start + count):
		unit = rng.choice(units)
		state = _weighted(rng, STATE_MIX)
		issued = today - timedelta(days=rng.randint(0, 400))
		deadline = issued + timedelta(days=rng.randint(7, 120))
		closed = min(today, deadline + timedelta(days=rng.randint(-20, 15))) if state == ts.CLOSED else None
		light = ts.traffic_light(state, deadline, today, today + timedelta(days=7))
		rows.append(
			(
				f"ZG-BENCH-{i + 1:07d}", unit, names[unit], f"规模测试问题{i + 1}", rng.choice(v.RECTIFICATION_KINDS),
				issued, deadline, 1, state, light, "", 0, 0, 0, 0, closed, 0, stamp, stamp, user, user,
			)
		)  # fmt: skip
	_insert("TD Rectification Task", fields, rows)
	# escalation as if the daily job had run every day until yesterday
	escalation.mark_as_of(today - timedelta(days=1))
	frappe.db.commit()  # bulk loader
	log(f"tasks: {count}")
	return count


def build_interviews(count: int, today: date, seed: int = 2, log=print, start: int = 0) -> int:
	rng = random.Random(seed)
	units = _units(v.FIRST_LEVEL_TYPES)
	stamp, user = now(), "Administrator"
	fields = columns(
		"title", "status", "interview_kind", "interview_category", "unit", "interview_date", "held_on"
	)
	child = child_columns("interviewee_name", "unit", "position")
	rows, people = [], []
	for i in range(start, start + count):
		unit = rng.choice(units)
		day = today - timedelta(days=rng.randint(0, 500))
		status = rng.choice((*v.HELD_STATUSES, v.CONCLUDED, v.PLANNED))
		name = f"YT-BENCH-{i + 1:07d}"
		rows.append(
			(
				name,
				f"规模测试约谈{i + 1}",
				status,
				"Individual",
				"Routine",
				unit,
				day,
				None if status == "Planned" else day,
				stamp,
				stamp,
				user,
				user,
			)
		)
		people.append(
			(
				f"{name}-1",
				name,
				"TD Interview",
				"interviewees",
				1,
				"单位主要负责人",
				unit,
				"Unit Head",
				stamp,
				stamp,
				user,
				user,
			)
		)
	_insert("TD Interview", fields, rows)
	_insert("TD Interviewee", child, people)
	log(f"interviews: {count}")
	return count


def build_assignments(year: int, log=print) -> int:
	catalogue = catalogue_by_unit_type()
	units = frappe.get_all(
		"TD Unit", filters={"unit_type": ("in", list(catalogue))}, fields=["name", "unit_type"]
	)
	have = set(frappe.get_all("TD Duty Assignment", filters={"year": year}, pluck="unit"))
	stamp, user = now(), "Administrator"
	rows, items = [], []
	for unit in units:
		if unit.name in have:
			continue
		name = f"{unit.name}-{year}"
		rows.append((name, unit.name, year, "Draft", 0, stamp, stamp, user, user))
		for idx, duty in enumerate(catalogue[unit.unit_type], start=1):
			items.append(
				(
					f"{name}-{idx}",
					name,
					"TD Duty Assignment",
					"items",
					idx,
					duty.name,
					duty.duty_layer,
					"Yearly",
					1,
					stamp,
					stamp,
					user,
					user,
				)
			)
	_insert(
		"TD Duty Assignment",
		(
			"name",
			"unit",
			"year",
			"workflow_state",
			"progress",
			"creation",
			"modified",
			"owner",
			"modified_by",
		),
		rows,
	)
	_insert(
		"TD Duty Assignment Item",
		(
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"duty_item",
			"duty_layer",
			"frequency",
			"weight",
			"creation",
			"modified",
			"owner",
			"modified_by",
		),
		items,
	)
	log(f"assignments: {len(rows)} with {len(items)} duties")
	return len(rows)


def build_records(count: int, today: date, seed: int = 3, log=print, start: int = 0) -> int:
	rng = random.Random(seed)
	units = _units(v.UNIT_TYPES[1:])
	duties = frappe.get_all("TD Duty Item", pluck="name")
	stamp, user = now(), "Administrator"
	fields = columns("title", "unit", "record_kind", "record_date", "review_status", "is_late", "counts")
	child = child_columns("duty_item")
	done, end = start, start + count
	while done < end:
		batch = min(100_000, end - done)
		rows, links = [], []
		for i in range(done, done + batch):
			name = f"LZ-BENCH-{i + 1:08d}"
			rows.append(
				(
					name,
					"规模测试纪实",
					rng.choice(units),
					rng.choice(v.RECORD_KINDS),
					today - timedelta(days=rng.randint(0, 400)),
					"Reviewed",
					0,
					1,
					stamp,
					stamp,
					user,
					user,
				)
			)
			links.append(
				(
					f"{name}-1",
					name,
					"TD Duty Record",
					"duty_items",
					1,
					rng.choice(duties),
					stamp,
					stamp,
					user,
					user,
				)
			)
		_insert("TD Duty Record", fields, rows)
		_insert("TD Duty Record Item", child, links)
		done += batch
		log(f"duty records: {done}")
	return count


def build_cases(count: int, today: date, seed: int = 4, log=print, start: int = 0) -> int:
	"""Accountability cases (问责案件) of the last two years over the units below the county, each with its
	two lines; the decided and closed ones with their handling, 文号 and date."""
	rng = random.Random(seed)
	units = _units(v.UNIT_TYPES[1:])
	names = dict(frappe.get_all("TD Unit", fields=["name", "unit_name"], as_list=True))
	stamp, user = now(), "Administrator"
	fields = (
		"name", "unit", "unit_name", "trigger", "status", "facts_date", "year", "facts", "document_number",
		"decided_on", *STAMP_COLUMNS,
	)  # fmt: skip
	child = child_columns("line", "person", "full_name", "failure", "proposed_handling", "decided_handling")
	cases, lines = [], []
	statuses = [(v.DRAFT, 20), (v.UNDER_INVESTIGATION, 30), (v.CASE_DECIDED, 30), (v.CASE_CLOSED, 20)]
	handlings = [h for h in v.HANDLINGS if h != v.NO_ACCOUNTABILITY]
	for i in range(start, start + count):
		name, unit = f"WZ-BENCH-{i + 1:06d}", rng.choice(units)
		status = _weighted(rng, statuses)
		facts_on = today - timedelta(days=rng.randint(0, 700))
		decided = status in v.CASE_KEPT_STATUSES
		decided_on = min(today, facts_on + timedelta(days=rng.randint(20, 90))) if decided else None
		cases.append(
			(
				name, unit, names[unit], rng.choice(v.CASE_TRIGGERS), status, facts_on, facts_on.year,
				f"规模测试问责事实{i + 1}", f"×纪问〔{facts_on.year}〕{i + 1}号" if decided else None,
				decided_on, stamp, stamp, user, user,
			)
		)  # fmt: skip
		for idx, line in enumerate(v.DUTY_LINES, 1):
			handling = rng.choice(handlings)
			lines.append(
				(
					f"{name}-{idx}", name, "TD Accountability Case", "lines", idx, line, user, "Administrator",
					"履职不力", handling, handling if decided else None, stamp, stamp, user, user,
				)
			)  # fmt: skip
	_insert("TD Accountability Case", fields, cases)
	_insert("TD Accountability Line", child, lines)
	log(f"accountability cases: {count}")
	return count


def build_assessments(year: int, seed: int = 5, log=print) -> int:
	"""The year's assessment (考核) of every first-level unit that has none, scored on the year's scheme
	(drawn from the default when missing): most finalised with a grade, the others at earlier steps."""
	from twoduty_app.assessment import assessments, schemes

	rng = random.Random(seed)
	if not frappe.db.exists(schemes.SCHEME, {"year": year}):
		schemes.make_scheme(year)
	scheme = frappe.get_doc(schemes.SCHEME, {"year": year})
	have = set(frappe.get_all("TD Assessment", {"year": year}, pluck="unit"))
	units = [
		u
		for u in frappe.get_all(
			"TD Unit",
			{"unit_type": ("in", v.FIRST_LEVEL_TYPES)},
			["name", "unit_name", "unit_type", "department_category"],
			order_by="lft asc",
		)
		if u.name not in have
	]
	start = frappe.db.count("TD Assessment", {"name": ("like", "KH-BENCH-%")})
	stamp, user = now(), "Administrator"
	fields = columns(
		"docstatus", "unit", "unit_name", "comparison_group", "year", "scheme", "status",
		"max_points", "self_total", "final_total", "gap", "grade",
	)  # fmt: skip
	child = child_columns(
		"docstatus", "indicator_no", "section", "indicator", "points", "method", "figures",
		"auto_score", "self_score", "team_score", "final_score",
	)  # fmt: skip
	statuses = [(v.FINALISED, 70), (v.UNDER_REVIEW, 10), (v.SELF_ASSESSED, 10), (v.DRAFT, 10)]
	rows, scores = [], []
	for i, unit in enumerate(units, start=start + 1):
		name, status = f"KH-BENCH-{i:06d}", _weighted(rng, statuses)
		docstatus = 1 if status == v.FINALISED else 0
		self_total = final_total = 0.0
		for number, indicator in enumerate(scheme.indicators, 1):
			points = indicator.points
			final = round(points * rng.uniform(0.55, 1.0), 1)
			own = round(min(points, final + rng.uniform(0, 0.15) * points), 1)
			self_total, final_total = self_total + own, final_total + final
			manual = indicator.method == v.MANUAL
			scores.append(
				(
					f"{name}-{number}", name, "TD Assessment", "scores", number, docstatus, number,
					indicator.section, indicator.indicator, points, indicator.method,
					None if manual else "规模测试", 0 if manual else final, own, final if manual else 0, final,
					stamp, stamp, user, user,
				)
			)  # fmt: skip
		reviewed = status in (v.UNDER_REVIEW, v.FINALISED)
		rows.append(
			(
				name, docstatus, unit.name, unit.unit_name, assessments.comparison_group(unit), year, scheme.name,
				status, scheme.total_points, round(self_total, 2), round(final_total, 2),
				round(self_total - final_total, 2),
				assessments.grade_of(final_total, scheme) if reviewed else None, stamp, stamp, user, user,
			)
		)  # fmt: skip
	_insert("TD Assessment", fields, rows)
	_insert("TD Assessment Score", child, scores)
	if rows:
		scheme.db_set("locked", 1)
	log(f"assessments: {len(rows)}")
	return len(rows)
