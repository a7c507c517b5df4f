"""Who acts for a unit on its rectification tasks: its own liaison and head, its head alone for approval and
sign-off, and a deputy the head named for a period. A head of a township does not act for its villages."""

import frappe
import pytest
from frappe.model.workflow import get_transitions
from frappe.utils import add_days, today

from tests import http
from tests.factories import (
	CountyWorld,
	make_county_world,
	make_task,
	make_user,
	set_members,
	state,
	submit_plan,
	workflow,
)
from twoduty_app.units import acting

pytestmark = pytest.mark.usefixtures("rollback_each_test")


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	frappe.set_user("Administrator")
	village = w.a.villages[0]
	w.extra["village_head"] = make_user("village-head", first_name="东村党支部书记")
	w.extra["village_liaison"] = make_user("village-liaison", first_name="东村联络员")
	set_members(village, [(w.extra["village_head"], "Unit Head"), (w.extra["village_liaison"], "Liaison")])
	frappe.db.commit()
	w.extra["tokens"] = {u: http.api_token(u) for u in (w.a.head, w.a.liaison)}
	return w


def village_task(w: CountyWorld) -> str:
	frappe.set_user(w.inspector)
	return make_task(w.a.villages[0], problem="东村村务公开不及时")


def actions(task: str, user: str) -> set[str]:
	"""The actions the desk offers `user` on the task (none where the user may not even read it)."""
	frappe.set_user(user)
	doc = frappe.get_doc("TD Rectification Task", task)
	if not doc.has_permission("read"):
		return set()
	return {t.action for t in get_transitions(doc)}


def test_the_township_head_does_not_act_on_a_village_task(world):
	w = world
	task = village_task(w)
	assert actions(task, w.a.liaison) == set() and actions(task, w.a.head) == set()
	with pytest.raises(frappe.ValidationError):  # no transition is offered to them
		submit_plan(task, w.a.liaison)
	submit_plan(task, w.extra["village_liaison"])
	assert actions(task, w.a.head) == set()
	assert actions(task, w.extra["village_head"]) == {"Approve Plan", "Return Plan"}
	with pytest.raises(frappe.ValidationError):
		workflow(task, "Approve Plan", w.a.head)
	workflow(task, "Approve Plan", w.extra["village_head"])
	assert state(task) == "Rectifying"


def test_no_other_door_lets_the_township_head_approve(world):
	"""`apply_workflow` over REST and a plain PUT of the state are refused alike, and nothing changes."""
	w = world
	task = village_task(w)
	submit_plan(task, w.extra["village_liaison"])
	frappe.db.commit()
	token = w.extra["tokens"][w.a.head]
	try:
		via_action = http.post(
			"/api/method/frappe.model.workflow.apply_workflow",
			token,
			{"doc": {"doctype": "TD Rectification Task", "name": task}, "action": "Approve Plan"},
		)
		assert via_action.status in (403, 417), via_action.text[:300]
		via_put = http.put(
			f"/api/resource/TD Rectification Task/{task}", token, {"workflow_state": "Rectifying"}
		)
		assert via_put.status in (403, 417), via_put.text[:300]
		frappe.db.rollback()
		assert state(task) == "Plan Submitted"
	finally:
		frappe.set_user("Administrator")
		# an issued task is kept, never deleted: it leaves the world revoked
		frappe.get_doc("TD Rectification Task", task).revoke("测试结束")
		frappe.db.commit()


def test_the_controller_checks_the_unit_behind_the_workflow(world):
	"""The task's own check holds even where a workflow's conditions were edited away on a site."""
	w = world
	task = village_task(w)
	submit_plan(task, w.extra["village_liaison"])
	doc = frappe.get_doc("TD Rectification Task", task)
	frappe.set_user(w.a.head)
	with pytest.raises(frappe.PermissionError):
		doc.check_acting_for_the_unit("Plan Submitted", "Rectifying")
	with pytest.raises(frappe.PermissionError):
		doc.check_acting_for_the_unit("Issued", "Plan Submitted")
	frappe.set_user(w.extra["village_head"])
	doc.check_acting_for_the_unit("Plan Submitted", "Rectifying")  # the village's own head


def test_a_deputy_acts_for_the_head_within_the_dates_only(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, problem="甲乡班子成员代签")
	submit_plan(task, w.a.liaison)
	deputy = w.a.team_member
	assert actions(task, deputy) == set()
	frappe.set_user(w.a.head)
	delegation = frappe.get_doc(
		{
			"doctype": "TD Delegation",
			"unit": w.a.unit,
			"deputy": deputy,
			"from_date": today(),
			"to_date": add_days(today(), 3),
			"reason": "书记外出学习",
		}
	).insert()
	assert delegation.delegated_by == w.a.head
	assert actions(task, deputy) == {"Approve Plan", "Return Plan"}
	assert acting.acts_as_head(deputy, w.a.unit) and not acting.acts_as_head(deputy, w.b.unit)
	# outside the dates the deputy is a team member again
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"TD Delegation",
		delegation.name,
		{"from_date": add_days(today(), -9), "to_date": add_days(today(), -1)},
	)
	assert actions(task, deputy) == set()
	assert not acting.acts_as_head(deputy, w.a.unit)
	frappe.db.set_value("TD Delegation", delegation.name, {"to_date": today()})
	workflow(task, "Approve Plan", deputy)
	assert state(task) == "Rectifying"


def test_only_the_units_head_names_a_deputy_and_only_from_its_team(world):
	w = world

	def delegate(user, unit, deputy):
		frappe.set_user(user)
		return frappe.get_doc(
			{
				"doctype": "TD Delegation",
				"unit": unit,
				"deputy": deputy,
				"from_date": today(),
				"to_date": today(),
			}
		).insert()

	with pytest.raises(frappe.PermissionError):
		delegate(w.a.liaison, w.a.unit, w.a.team_member)
	with pytest.raises(frappe.PermissionError):
		delegate(w.b.head, w.a.unit, w.a.team_member)
	with pytest.raises(frappe.ValidationError):
		delegate(w.a.head, w.a.unit, w.b.team_member)  # not of this unit's team
	assert delegate(w.a.head, w.a.unit, w.a.team_member).name


def test_conditions_and_the_controller_give_the_same_answers(world):
	"""The buttons (the workflow's conditions) and the server's check agree for every person of the world."""
	w = world
	people = [w.a.head, w.a.liaison, w.a.team_member, w.a.secretary, w.b.head, w.b.liaison]
	people += [w.extra["village_head"], w.extra["village_liaison"]]
	frappe.set_user(w.inspector)
	issued = make_task(w.a.unit, problem="甲乡问题")
	submitted = make_task(w.a.unit, problem="甲乡问题二")
	submit_plan(submitted, w.a.liaison)
	for user in people:
		assert ("Submit Plan" in actions(issued, user)) == acting.acts_at_desk(user, w.a.unit), user
		assert ("Approve Plan" in actions(submitted, user)) == acting.acts_as_head(user, w.a.unit), user
