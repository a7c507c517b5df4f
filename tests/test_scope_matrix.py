"""Every unit-scoped doctype, one door matrix: a township liaison never reaches the other township's record."""

import frappe
import pytest
from frappe.utils import add_days, nowdate, today

from tests import http
from tests.factories import CountyWorld, make_county_world, make_task
from twoduty_app.permissions.unit_scope import SCOPED_DOCTYPES
from twoduty_app.responsibility.assignments import generate_assignments


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=True)
	year = frappe.utils.getdate().year
	frappe.set_user(w.inspector)
	records = {"TD Unit": w.b.villages[0], "TD Rectification Task": make_task(w.b.unit)}
	records["TD Interview"] = (
		frappe.get_doc(
			{
				"doctype": "TD Interview",
				"title": "乙乡约谈",
				"interview_kind": "Individual",
				"interview_category": "Routine",
				"unit": w.b.unit,
				"interview_date": today(),
				"interviewees": [{"user": w.b.head}],
			}
		)
		.insert()
		.name
	)
	records["TD Inspection"] = (
		frappe.get_doc(
			{
				"doctype": "TD Inspection",
				"title": "乙乡督查",
				"inspection_kind": "Self Review",
				"unit": w.b.unit,
				"period_from": add_days(today(), -1),
				"period_to": today(),
			}
		)
		.insert()
		.name
	)
	frappe.set_user("Administrator")
	generate_assignments(year, w.county, publish_progress=False)
	records["TD Duty Assignment"] = frappe.db.get_value(
		"TD Duty Assignment", {"unit": w.b.unit, "year": year}
	)
	duty_item = frappe.get_all(
		"TD Duty Assignment Item", {"parent": records["TD Duty Assignment"]}, pluck="duty_item", limit=1
	)[0]
	frappe.set_user(w.b.liaison)
	records["TD Duty Record"] = (
		frappe.get_doc(
			{
				"doctype": "TD Duty Record",
				"title": "乙乡纪实",
				"unit": w.b.unit,
				"record_kind": "Study and Plan",
				"record_date": nowdate(),
				"duty_items": [{"duty_item": duty_item}],
			}
		)
		.insert()
		.name
	)
	frappe.set_user("Administrator")
	template = frappe.db.get_value("TD Checklist Template", {"seed_key": "standard-charts"})
	records["TD Unit Checklist"] = (
		frappe.get_doc({"doctype": "TD Unit Checklist", "unit": w.b.unit, "year": year, "template": template})
		.insert()
		.name
	)
	frappe.set_user(w.b.liaison)
	records["TD Extension Request"] = frappe.get_doc(
		"TD Rectification Task", records["TD Rectification Task"]
	).request_extension(add_days(today(), 90), "等待上级批复")
	frappe.set_user("Administrator")
	records["TD Delegation"] = (
		frappe.get_doc(
			{
				"doctype": "TD Delegation",
				"unit": w.b.unit,
				"deputy": w.b.team_member,
				"from_date": today(),
				"to_date": add_days(today(), 10),
			}
		)
		.insert()
		.name
	)
	frappe.set_user(w.b.liaison)
	# the registers kept all year (三重一大, 廉政教育)
	records["TD Major Decision"] = (
		frappe.get_doc(
			{
				"doctype": "TD Major Decision",
				"unit": w.b.unit,
				"decision_date": today(),
				"decision_kind": "Major Project Arrangement",
				"subject": "乙乡项目安排",
				"meeting_kind": "Leadership Team Meeting",
				"meeting_date": today(),
				"attendees": [{"person": w.b.head, "position": "Unit Head", "speaking_order": 1}],
			}
		)
		.insert()
		.name
	)
	records["TD Education Activity"] = (
		frappe.get_doc(
			{
				"doctype": "TD Education Activity",
				"unit": w.b.villages[0],
				"activity_date": today(),
				"activity_kind": "Integrity Party Lecture",
				"topic": "乙乡廉政党课",
			}
		)
		.insert()
		.name
	)
	frappe.set_user("Administrator")
	# a late change (补录申请) of B's: written as it is kept, without closing a year of the whole site
	late = frappe.get_doc(
		{
			"doctype": "TD Late Change",
			"unit": w.b.unit,
			"year": year,
			"record_doctype": "TD Education Activity",
			"record_name": records["TD Education Activity"],
			"reason": "漏记参会人员",
			"status": "Late Change Requested",
		}
	)
	late.set_new_name()
	late.db_insert()
	records["TD Late Change"] = late.name
	frappe.db.commit()
	w.extra["records"] = records
	w.extra["token_a"] = http.api_token(w.a.liaison)
	w.extra["token_b"] = http.api_token(w.b.liaison)
	return w


MATRIX = [dt for dt in SCOPED_DOCTYPES if dt != "TD Recheck"]


@pytest.mark.parametrize("doctype", MATRIX)
def test_other_townships_record_is_unreachable(world, doctype):
	name = world.extra["records"][doctype]
	token = world.extra["token_a"]
	listed = http.get(f"/api/resource/{doctype}", token, limit_page_length=0)
	assert listed.status == 200 and name not in {r["name"] for r in listed.json()["data"]}
	assert http.get(f"/api/resource/{doctype}/{name}", token).status == 403
	count = http.get("/api/method/frappe.client.get_count", token, doctype=doctype, filters={"name": name})
	assert count.json()["message"] == 0
	search = http.get("/api/method/frappe.desk.search.search_link", token, doctype=doctype, txt=name)
	assert name not in {r["value"] for r in search.json().get("message", [])}


@pytest.mark.parametrize("doctype", MATRIX)
def test_own_townships_record_is_reachable(world, doctype):
	name = world.extra["records"][doctype]
	assert http.get(f"/api/resource/{doctype}/{name}", world.extra["token_b"]).status == 200


def test_matrix_covers_every_scoped_doctype():
	# TD Recheck records need a full cycle; test_cycle and test_task_access cover them
	assert set(MATRIX) | {"TD Recheck"} == set(SCOPED_DOCTYPES)
	assert set(SCOPED_DOCTYPES) <= set(frappe.get_hooks("has_permission"))
	assert set(SCOPED_DOCTYPES) <= set(frappe.get_hooks("permission_query_conditions"))


def test_every_unit_linked_doctype_a_unit_role_can_read_is_scoped():
	"""A new doctype that points at a unit and that unit users may read must join the scope."""
	unscoped, checked = [], set()
	for doctype in frappe.get_all(
		"DocType",
		filters={"module": ("in", ["Units", "Supervision", "Responsibility", "Assessment"]), "istable": 0},
		pluck="name",
	):
		meta = frappe.get_meta(doctype)
		if not any(f.fieldtype == "Link" and f.options == "TD Unit" for f in meta.fields):
			continue
		checked.add(doctype)
		readers = {p.role for p in meta.permissions if p.read}
		# a year-end assessment has its own rule: its unit's scope and its team (tests/test_assessment.py)
		own_rule = frappe.get_hooks("has_permission").get(doctype) == [
			"twoduty_app.assessment.access.has_permission"
		]
		if any(role.startswith("TwoDuty ") for role in readers) and doctype not in SCOPED_DOCTYPES:
			if not own_rule:
				unscoped.append(doctype)
	assert {"TD Rectification Task", "TD Duty Record", "TD Unit Tally"} <= checked
	assert not unscoped
	# the tally links units but is readable by System Managers only
	assert {p.role for p in frappe.get_meta("TD Unit Tally").permissions} == {"System Manager"}
