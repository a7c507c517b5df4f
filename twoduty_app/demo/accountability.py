"""The demo county's accountability case (问责): one case pursued on both lines (一案双查) and decided, made
through the real actions by the county's inspector: recorded as a draft on an upper level's finding,
investigated with the people who held the posts on the date of the facts proposed by the case itself,
each row given its failure and decision, then decided (its 文号 given, each person told of his or her own
row).

Re-running adds nothing: a county that has its demo case is left as it is."""

from datetime import date, timedelta

import frappe
from frappe.utils import getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.demo.generator import DEMO_DOMAIN

MARK = "twoduty_demo_case"
FACTS = (
	"<p>市纪委监委专项督查发现，{unit}2025年至今年上半年惠民资金发放台账与实际发放情况不符，"
	"多发、错发资金12.6万元。{unit}党委对此问题长期未研究、未过问，主体责任落实不力；"
	"{unit}纪委对资金发放监督检查流于形式，未能及时发现和处置，监督责任履行不到位。</p>"
)
# (line, position) -> the row's finding and decision; the decision documents' kinds and numbers
ROWS = {
	(v.PRINCIPAL_DUTY, v.UNIT_HEAD): (
		"作为党委主要负责人，对惠民资金管理中的问题失察失管，未亲自部署、亲自过问",
		"Admonishment",
		"诫",
	),
	(v.PRINCIPAL_DUTY, v.ADMINISTRATIVE_HEAD): (
		"作为行政主要负责人，对惠民资金发放审核把关不严",
		"Ordered Self-Examination",
		"检",
	),
	(v.SUPERVISORY_DUTY, v.DISCIPLINE_SECRETARY): (
		"作为纪委书记，对惠民资金发放的日常监督流于形式，未能发现问题并及时处置",
		"Circulated Criticism",
		"通",
	),
}


def user(code: str) -> str:
	return f"{code}@{DEMO_DOMAIN}"


def build_accountability(county_name: str, today: date | None = None, log=print) -> dict:
	"""One decided case in `county_name` (on a township with its heads and discipline secretary); returns
	what was made."""
	today = getdate(today or nowdate())
	county = frappe.db.get_value("TD Unit", {"unit_name": county_name, "unit_type": v.COUNTY})
	if not county or frappe.db.get_default(f"{MARK}:{county}"):
		return {"skipped": True}
	unit = township_with_both_lines(county)
	if not unit:
		return {"skipped": True}
	previous = frappe.session.user
	try:
		frappe.set_user(user("inspector1"))
		name = decided_case(unit, today, county_name)
	finally:
		frappe.set_user(previous)
	frappe.db.set_default(f"{MARK}:{county}", name)
	frappe.db.commit()
	log(f"demo accountability case: {name}")
	return {"cases": 1, "case": name}


def township_with_both_lines(county: str) -> frappe._dict | None:
	"""The county's last township whose Party head and discipline secretary are listed."""
	townships = frappe.get_all(
		"TD Unit",
		{"parent_td_unit": county, "unit_type": v.TOWNSHIP},
		["name", "unit_name"],
		order_by="lft desc",
	)
	for unit in townships:
		positions = set(
			frappe.get_all("TD Unit Member", {"parent": unit.name, "parenttype": "TD Unit"}, pluck="position")
		)
		if {v.UNIT_HEAD, v.DISCIPLINE_SECRETARY} <= positions:
			return unit
	return None


def decided_case(unit, today: date, county_name: str) -> str:
	"""The case, from its draft to its decision, as the county's inspector (the session user) does it."""
	facts_date = today - timedelta(days=90)
	sources = [
		{"source_doctype": "TD Rectification Task", "source_name": task}
		for task in frappe.get_all("TD Rectification Task", {"unit": unit.name}, pluck="name", limit=1)
	]
	case = frappe.get_doc(
		{
			"doctype": "TD Accountability Case",
			"unit": unit.name,
			"trigger": "Found by Upper Level",
			"facts_date": facts_date,
			"facts": FACTS.format(unit=unit.unit_name),
			"sources": sources,
		}
	).insert()
	case.start_investigation()
	case.reload()
	if not {row.line for row in case.lines} >= set(v.DUTY_LINES):
		add_current_holders(case)
	# the decisions' own numbers (诫勉、责令检查、通报批评 each by its own document)
	prefix = frappe.db.get_single_value("TD Settings", "document_prefix") or f"{county_name[0]}纪"
	for row in case.lines:
		failure, handling, kind = ROWS.get((row.line, row.position), ROWS[(v.PRINCIPAL_DUTY, v.UNIT_HEAD)])
		row.failure = failure
		row.proposed_handling = row.decided_handling = handling
		row.decision_number = f"{prefix}{kind}〔{today.year}〕{row.idx}号"
		row.decision_date = today - timedelta(days=3)
	case.save()
	case.decide()
	return case.name


def add_current_holders(case) -> None:
	"""Where the unit's memberships carry no dates reaching back to the facts, its present heads and
	discipline secretary stand in."""
	present = {(row.line, row.person) for row in case.lines}
	members = frappe.get_all(
		"TD Unit Member", {"parent": case.unit, "parenttype": "TD Unit"}, ["user", "position"], order_by="idx"
	)
	for line, positions in v.LINE_POSITIONS.items():
		for m in members:
			if m.position in positions and (line, m.user) not in present:
				case.append("lines", {"line": line, "person": m.user, "position": m.position})
	case.save()
