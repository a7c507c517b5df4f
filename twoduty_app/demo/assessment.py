"""The demo county's year assessed (考核), made through the real actions by the people whose work it is:
its units' 三重一大 records (one taken without a meeting, so flagged) and integrity education, the year's
scheme drawn from the default, the assessments generated, self-assessed by each unit's head, scored by a
team of two county inspectors and finalised by the county; one unit is left at each earlier step so every
state can be seen. The year is not closed: the demo county goes on working in it.

Re-running adds nothing: a county that has its demo assessment is left as it is."""

from datetime import date, timedelta

import frappe
from frappe.utils import getdate, nowdate

from twoduty_app.assessment import assessments, schemes
from twoduty_app.common import vocabulary as v
from twoduty_app.demo.activity import people_of, user

MARK = "twoduty_demo_assessment"
EDUCATION = [
	(v.EDUCATION_KINDS[0], "以案为鉴、警钟长鸣专题廉政党课"),
	(v.EDUCATION_KINDS[1], "观看警示教育片《蝇贪之害》"),
	(v.KNOWLEDGE_TEST, "党纪法规知识测试"),
	(v.EDUCATION_KINDS[4], "落实中央八项规定精神专题讨论"),
]
DECISIONS = [
	(v.DECISION_KINDS[2], "村道硬化及排水工程项目安排", 860000),
	(v.DECISION_KINDS[3], "年度惠民资金分配方案", 1200000),
]
# (indicator section kept by hand, the two assessors' scores as a share of its points)
TEAM_SHARES = (0.85, 0.9)


def build_assessment(county_name: str, today: date | None = None, log=print) -> dict:
	"""The demo year's assessment of `county_name`; returns what was made."""
	today = getdate(today or nowdate())
	county = frappe.db.get_value("TD Unit", {"unit_name": county_name, "unit_type": v.COUNTY})
	if not county or frappe.db.get_default(f"{MARK}:{county}"):
		return {"skipped": True}
	units = [
		u
		for u in frappe.get_all(
			"TD Unit",
			{"parent_td_unit": county, "unit_type": ("in", v.FIRST_LEVEL_TYPES)},
			["name", "unit_name"],
			order_by="lft asc",
		)
		if people_of(u.name)
	]
	if len(units) < 4:
		return {"skipped": True}
	previous = frappe.session.user
	try:
		made = {"registers": registers(units, today)}
		frappe.set_user(user("county-admin"))
		if not frappe.db.exists(schemes.SCHEME, {"year": today.year}):
			schemes.make_scheme(today.year)
		made["assessments"] = assessments.generate(today.year, county=county)["created"]
		made["finalised"] = assess(county, units, today.year)
	finally:
		frappe.set_user(previous)
	frappe.db.set_default(f"{MARK}:{county}", today.isoformat())
	frappe.db.commit()
	log(f"demo assessment: {made}")
	return made


def registers(units, today: date) -> int:
	"""Each unit's liaison records its education activities and 三重一大 decisions; the county confirms."""
	made = 0
	for i, unit in enumerate(units):
		people = people_of(unit.name)
		frappe.set_user(people.get(v.LIAISON) or people[v.UNIT_HEAD])
		for n, (kind, topic) in enumerate(EDUCATION[: 2 + i % 3]):
			frappe.get_doc(
				{
					"doctype": "TD Education Activity",
					"unit": unit.name,
					"activity_kind": kind,
					"topic": topic,
					"activity_date": max(date(today.year, 1, 1), today - timedelta(days=40 + 70 * n)),
				}
			).insert()
			made += 1
		for n, (kind, subject, amount) in enumerate(DECISIONS):
			# the last unit's second decision was taken without a meeting: the app flags it
			held = not (i == len(units) - 1 and n == 1)
			when = max(date(today.year, 1, 1), today - timedelta(days=60 + 90 * n))
			attendees = [
				{"person": people[position], "position": position, "present": 1, "speaking_order": order}
				for order, position in enumerate((v.TEAM_MEMBER, v.DISCIPLINE_SECRETARY, v.UNIT_HEAD), 1)
				if people.get(position)
			]
			frappe.get_doc(
				{
					"doctype": "TD Major Decision",
					"unit": unit.name,
					"decision_kind": kind,
					"subject": subject,
					"amount": amount,
					"decision_date": when,
					"meeting_kind": v.PARTY_COMMITTEE_MEETING if held else v.NO_MEETING,
					"meeting_date": when if held else None,
					"attendees": attendees if held else [],
					"outcome": "会议集体研究同意" if held else "主要负责人签批",
				}
			).insert()
			made += 1
	return made


def assess(county: str, units, year: int) -> int:
	"""Self-assessed by each head, scored by two inspectors, finalised by the county; the last three units
	left at Draft, Self-Assessed and Under Review."""
	names = dict(
		frappe.get_all(
			"TD Assessment",
			{"year": year, "unit": ("in", [u.name for u in units])},
			["unit", "name"],
			as_list=True,
		)
	)
	team = (user("inspector1"), user("inspector2"))
	finalised = 0
	for i, unit in enumerate(units):
		name = names.get(unit.name)
		if not name:
			continue
		stop = {len(units) - 3: v.DRAFT, len(units) - 2: v.SELF_ASSESSED, len(units) - 1: v.UNDER_REVIEW}.get(
			i
		)
		if stop == v.DRAFT:
			continue
		frappe.set_user(people_of(unit.name)[v.UNIT_HEAD])
		doc = frappe.get_doc("TD Assessment", name)
		for score in doc.scores:
			if score.method == v.MANUAL:
				score.self_score = round(score.points * 0.95, 1)
				score.self_explanation = "按要求落实，资料齐全"
		doc.save()
		doc.submit_self_assessment()
		if stop == v.SELF_ASSESSED:
			continue
		frappe.set_user(user("county-admin"))
		doc = frappe.get_doc("TD Assessment", name)
		for assessor in team:
			doc.append("assessors", {"assessor": assessor})
		doc.save()
		doc.start_review()
		for assessor, share in zip(team, TEAM_SHARES, strict=True):
			frappe.set_user(assessor)
			doc = frappe.get_doc("TD Assessment", name)
			doc.save_team_scores(
				[
					{
						"indicator_no": s.indicator_no,
						"score": round(s.points * (share - 0.05 * (i % 3)), 1),
						"comment": "查阅资料、个别谈话",
					}
					for s in doc.scores
					if s.method == v.MANUAL
				]
			)
		if stop == v.UNDER_REVIEW:
			continue
		frappe.set_user(user("county-admin"))
		frappe.get_doc("TD Assessment", name).finalise()
		finalised += 1
	return finalised
