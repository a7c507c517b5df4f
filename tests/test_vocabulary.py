"""The app's words are defined once (common/vocabulary.py): the DocTypes, the hooks and the desk agree."""

import ast
import json
from pathlib import Path

import frappe
import pytest

from twoduty_app.common import vocabulary as v
from twoduty_app.permissions.county_only import COUNTY_ONLY_DOCTYPES, COUNTY_ONLY_TABLES
from twoduty_app.permissions.unit_scope import SCOPED_DOCTYPES, SCOPED_TABLES

APP = Path(__file__).resolve().parent.parent / "twoduty_app"

# (doctype, field) -> the vocabulary its options must equal (a blank first option aside)
SELECT_FIELDS = {
	("TD Unit", "unit_type"): v.UNIT_TYPES,
	("TD Unit", "department_category"): v.DEPARTMENT_CATEGORIES,
	("TD Unit Member", "position"): v.POSITIONS,
	("TD Rectification Task", "rectification_kind"): v.RECTIFICATION_KINDS,
	("TD Problem", "rectification_kind"): v.RECTIFICATION_KINDS,
	("TD Rectification Task", "traffic_light"): v.TRAFFIC_LIGHTS,
	("TD Duty Assignment Item", "traffic_light"): v.TRAFFIC_LIGHTS,
	("TD Rectification Task", "escalation_level"): v.ESCALATION_LEVELS,
	("TD Recheck", "result"): v.RECHECK_RESULTS,
	("TD Interview", "status"): v.INTERVIEW_STATUSES,
	("TD Inspection", "status"): v.INSPECTION_STATUSES,
	("TD Duty Record", "record_kind"): v.RECORD_KINDS,
	("TD Duty Item", "frequency"): v.FREQUENCIES,
	("TD Duty Item", "duty_layer"): v.DUTY_LAYERS,
	("TD Accountability Case", "status"): v.CASE_STATUSES,
	("TD Accountability Case", "trigger"): v.CASE_TRIGGERS,
	("TD Accountability Line", "line"): v.DUTY_LINES,
	("TD Accountability Line", "position"): v.POSITIONS,
	("TD Accountability Line", "proposed_handling"): v.HANDLINGS,
	("TD Accountability Line", "decided_handling"): v.HANDLINGS,
	("TD Coverage Rule", "interviewer_type"): v.UNIT_TYPES,
	("TD Coverage Rule", "interviewee_type"): v.UNIT_TYPES,
	("TD Checklist Template Item", "generated_chart"): v.GENERATED_CHARTS,
	("TD Unit Checklist Line", "generated_chart"): v.GENERATED_CHARTS,
	("TD Major Decision", "decision_kind"): v.DECISION_KINDS,
	("TD Major Decision", "meeting_kind"): v.MEETING_KINDS,
	("TD Decision Attendee", "position"): v.POSITIONS,
	("TD Education Activity", "activity_kind"): v.EDUCATION_KINDS,
}


@pytest.mark.parametrize("doctype,fieldname", SELECT_FIELDS)
def test_select_options_are_the_vocabulary(doctype, fieldname):
	options = [o for o in frappe.get_meta(doctype).get_field(fieldname).options.split("\n") if o]
	assert tuple(options) == SELECT_FIELDS[(doctype, fieldname)]


def test_task_workflow_states_and_actions_are_the_vocabulary():
	workflow = frappe.get_doc("Workflow", "TD Rectification Task Workflow")
	assert {s.state for s in workflow.states} == set(v.TASK_STATES)
	assert {t.action for t in workflow.transitions} == set(v.TASK_ACTIONS)


def test_hooks_import_nothing_from_the_app():
	tree = ast.parse((APP / "hooks.py").read_text())
	imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
	assert imports == []


def test_every_scoped_doctype_is_hooked_to_the_unit_scope():
	# county-only records are hooked to their own rule (tests/test_accountability.py)
	county_only = {*COUNTY_ONLY_DOCTYPES, *COUNTY_ONLY_TABLES}
	queried = set(frappe.get_hooks("permission_query_conditions", app_name="twoduty_app")) - {"File"}
	# the child tables of scoped records that Frappe lets a reader query by themselves
	assert set(SCOPED_TABLES) <= queried
	queried -= set(SCOPED_TABLES)
	checked = set(frappe.get_hooks("has_permission", app_name="twoduty_app"))
	# a year-end assessment: its unit's scope and its team's (assessment/access.py, tests/test_assessment.py)
	assessment = {
		"TD Assessment",
		"TD Assessment Score",
		"TD Assessment Assessor",
		"TD Assessment Team Score",
	}
	assert assessment <= queried and "TD Assessment" in checked
	queried -= assessment
	checked -= assessment
	assert queried - county_only == set(SCOPED_DOCTYPES) == checked - county_only


def test_fixtures_ship_exactly_the_workflow_vocabulary():
	fixtures = {f["dt"]: f for f in frappe.get_hooks("fixtures", app_name="twoduty_app")}
	states = set(fixtures["Workflow State"]["filters"][0][2])
	actions = set(fixtures["Workflow Action Master"]["filters"][0][2])
	assert states == {*v.TASK_STATES, v.SIGNED}
	assert actions == {*v.TASK_ACTIONS, v.ACTION_SIGN}


def test_desk_and_phone_page_receive_the_vocabulary():
	boot = frappe._dict()
	frappe.get_attr(frappe.get_hooks("extend_bootinfo")[-1])(boot)
	assert boot.twoduty["department_categories"] == v.DEPARTMENT_CATEGORIES
	assert json.loads(frappe.as_json(boot.twoduty))["light_colours"] == v.LIGHT_COLOURS
	from twoduty_app.www.td import STRINGS

	assert set(v.TASK_STATES) <= set(STRINGS) and set(v.RECORD_KINDS) <= set(STRINGS)


def test_no_desk_script_types_a_vocabulary_list():
	"""Desk scripts read `frappe.boot.twoduty`; none spells out a category, a unit type or a role."""
	words = [*v.DEPARTMENT_CATEGORIES, *v.UNIT_TYPES[1:], *v.COUNTY_STAFF_ROLES, *v.TRAFFIC_LIGHTS]
	for script in APP.rglob("*.js"):
		text = script.read_text()
		typed = [w for w in words if f'"{w}"' in text or f"'{w}'" in text]
		assert typed == [], f"{script.relative_to(APP)}: {typed}"
