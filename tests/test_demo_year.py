"""The demo county has lived a year: every state of the cycle is there, made by the people whose work it is,
each demo role's home has something to do, and building it again adds nothing."""

import frappe
import pytest

from twoduty_app.common import vocabulary as v
from twoduty_app.demo import accountability, activity, assessment, generator
from twoduty_app.demo.tree import Shape

# a small demo county: thirteen first-level units with people, enough for every scenario
SHAPE = Shape(
	townships=7,
	villages_per_township=1,
	communities_per_township=0,
	stations_per_township=1,
	departments=6,
	sections_per_department=1,
	stations_per_department=0,
)


@pytest.fixture(scope="module")
def demo():
	frappe.set_user("Administrator")
	if not frappe.db.exists("TD Unit", {"unit_name": generator.DEMO_COUNTY}):
		generator.build(counties=1, shape=SHAPE, people=True, log=lambda *_: None)
	activity.build_activity(generator.DEMO_COUNTY, log=lambda *_: None)
	accountability.build_accountability(generator.DEMO_COUNTY, log=lambda *_: None)
	assessment.build_assessment(generator.DEMO_COUNTY, log=lambda *_: None)
	frappe.db.commit()
	county = frappe.db.get_value("TD Unit", {"unit_name": generator.DEMO_COUNTY, "unit_type": v.COUNTY})
	lft, rgt = frappe.db.get_value("TD Unit", county, ["lft", "rgt"])
	units = frappe.get_all("TD Unit", {"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")
	return frappe._dict(county=county, units=units)


def tasks(demo, **filters):
	return frappe.get_all(
		"TD Rectification Task",
		{"unit": ("in", demo.units), **filters},
		["name", "workflow_state", "round", "closed_on", "deadline", "notice_round", "paused", "unit"],
	)


def test_every_state_of_the_cycle_is_there(demo):
	states = {t.workflow_state for t in tasks(demo)}
	assert set(v.TASK_STATES) - {v.DRAFT} <= states
	closed = tasks(demo, workflow_state=v.CLOSED)
	assert any(t.closed_on <= t.deadline for t in closed) and any(t.closed_on > t.deadline for t in closed)
	assert any(t.round == 2 for t in tasks(demo, workflow_state=v.IN_PROGRESS))
	assert tasks(demo, paused=1)
	assert frappe.db.exists(
		"TD Extension Request", {"unit": ("in", demo.units), "status": v.EXTENSION_PENDING}
	)
	# the escalation job has run over the year's overdue tasks: notices went out, an interview is proposed
	assert any(t.notice_round for t in tasks(demo))
	assert frappe.db.exists("TD Interview", {"unit": ("in", demo.units), "status": v.PROPOSED})


def test_the_years_records_and_reviews_are_there(demo):
	records = frappe.get_all(
		"TD Duty Record", {"unit": ("in", demo.units)}, ["name", "record_date", "is_late", "late_approval"]
	)
	assert len({r.record_date.month for r in records}) >= 3
	assert any(r.late_approval == "Approved" for r in records)
	assert frappe.db.count("TD Evidence File", {"parent": ("in", [r.name for r in records])}) == len(records)
	assert (
		frappe.db.count("TD Duty Assignment", {"unit": ("in", demo.units), "workflow_state": v.SIGNED}) >= 5
	)
	assert (
		frappe.db.count("TD Interview", {"unit": ("in", demo.units), "status": ("in", v.HELD_STATUSES)}) >= 8
	)
	assert frappe.db.exists("TD Unit Checklist Line", {"verdict": v.VERDICT_OVERRULED})
	assert frappe.db.count("TD Inspection", {"unit": ("in", demo.units)}) == 1


def test_a_township_has_interviewed_its_villages(demo):
	"""逐级约谈: a township's Party secretary has held interviews of the units below it, in its own name."""
	held = frappe.get_all(
		"TD Interview",
		{"unit": ("in", demo.units), "interviewer_unit": ("is", "set"), "status": ("in", v.HELD_STATUSES)},
		["unit", "interviewer_unit", "owner"],
	)
	assert held
	for row in held:
		assert frappe.db.get_value("TD Unit", row.unit, "parent_td_unit") == row.interviewer_unit
		assert frappe.db.exists(
			"TD Unit Member", {"parent": row.interviewer_unit, "user": row.owner, "position": v.UNIT_HEAD}
		)


def test_each_demo_role_finds_work_at_home(demo):
	from twoduty_app.api.mobile import my_tasks, task_detail

	frappe.set_user(activity.user("t01-liaison"))
	waiting = [t for t in my_tasks() if task_detail(t.name)["actions"]]
	assert waiting, "the township liaison's phone page lists tasks that need action"
	frappe.set_user(activity.user("t01-head"))
	assert any(
		"Approve Plan" in task_detail(t.name)["actions"]
		for t in my_tasks()
		if t.workflow_state == v.PLAN_SUBMITTED
	)
	frappe.set_user(activity.user("inspector2"))
	assert frappe.get_list("TD Rectification Task", {"workflow_state": v.PENDING_RECHECK}, limit=1)


def test_demo_people_log_in_and_read_their_own_profile(demo):
	from frappe.utils.password import check_password

	person = activity.user("t01-liaison")
	assert check_password(person, generator.DEMO_PASSWORD) == person
	frappe.set_user(person)
	assert frappe.get_doc("User", person).has_permission("read")
	assert "TwoDuty Liaison" in frappe.get_roles(person)
	assert frappe.db.exists("Notification Settings", person)


def test_building_again_adds_nothing(demo):
	counts = {
		dt: frappe.db.count(dt) for dt in ("TD Rectification Task", "TD Duty Record", "TD Interview", "User")
	}
	assert activity.build_activity(generator.DEMO_COUNTY, log=lambda *_: None) == {"skipped": True}
	generator.build(counties=1, shape=SHAPE, people=True, log=lambda *_: None)
	assert {dt: frappe.db.count(dt) for dt in counts} == counts


def test_one_case_is_decided_on_both_lines(demo):
	"""一案双查: the demo county holds a decided accountability case with a row on each line."""
	cases = frappe.get_all(
		"TD Accountability Case", {"unit": ("in", demo.units), "status": v.CASE_DECIDED}, pluck="name"
	)
	assert len(cases) == 1
	lines = frappe.get_all("TD Accountability Line", {"parent": cases[0]}, pluck="line")
	assert set(v.DUTY_LINES) <= set(lines)


def test_the_year_is_assessed_with_every_state_to_see(demo):
	"""Most first-level units finalised by the county with a grade; one left at each earlier step; the
	registers the automatic indicators read are there, one 三重一大 record flagged."""
	first_level = frappe.get_all(
		"TD Unit", {"parent_td_unit": demo.county, "unit_type": ("in", v.FIRST_LEVEL_TYPES)}, pluck="name"
	)
	rows = frappe.get_all(
		"TD Assessment",
		{"unit": ("in", first_level), "year": frappe.utils.getdate().year},
		["status", "grade", "final_total", "self_total"],
	)
	statuses = [r.status for r in rows]
	assert set(statuses) == set(v.ASSESSMENT_STATUSES)
	assert statuses.count(v.FINALISED) >= 10
	finalised = [r for r in rows if r.status == v.FINALISED]
	assert all(r.grade in v.GRADES and 0 < r.final_total <= 100 for r in finalised)
	assert frappe.db.count("TD Major Decision", {"unit": ("in", first_level), "flagged": 1}) == 1
	assert frappe.db.count("TD Education Activity", {"unit": ("in", first_level)}) >= 2 * len(first_level)
