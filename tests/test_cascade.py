"""Every level interviews and inspects its own branch (逐级约谈), and people hold their posts for a time.

A township's Party secretary and discipline secretary record interviews and inspections of the township's
villages and of the township itself; never of another township's village, never in the county's name, and
the village they interview reads the record but cannot change it. A membership that ends loses its access:
at once when the unit is saved, the next day through the daily job."""

import frappe
import pytest
from frappe.utils import add_days, today

from tests import http
from tests.factories import (
	CountyWorld,
	bring_to_pending_recheck,
	make_county_world,
	make_task,
	make_user,
	recheck,
	state,
	unit_permissions,
	user_roles,
	workflow,
)
from twoduty_app.common import vocabulary as v
from twoduty_app.units import membership


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	w.extra["village_head"] = make_user("village-head", first_name="东村书记")
	w.extra["village_liaison"] = make_user("village-liaison", first_name="东村联络员")
	village = frappe.get_doc("TD Unit", w.a.villages[0])
	village.append("members", {"user": w.extra["village_head"], "position": v.UNIT_HEAD})
	village.append("members", {"user": w.extra["village_liaison"], "position": v.LIAISON})
	village.save()
	frappe.db.commit()
	people = (w.a.head, w.a.secretary, w.a.liaison, w.b.head, w.extra["village_head"], w.inspector)
	w.extra["tokens"] = {u: http.api_token(u) for u in people}
	return w


def interview_body(unit: str, interviewee: str | None = None, **fields) -> dict:
	return {
		"title": "村党支部书记履责约谈",
		"interview_kind": v.INDIVIDUAL,
		"interview_category": "Routine",
		"unit": unit,
		"interview_date": today(),
		"interviewees": [{"interviewee_name": "村党支部书记", "unit": unit, "position": v.UNIT_HEAD}],
		**fields,
	}


def count(doctype: str, **filters) -> int:
	frappe.db.rollback()
	return frappe.db.count(doctype, filters)


def test_a_township_head_records_an_interview_of_its_village_and_not_of_another_townships(world):
	w = world
	token = w.extra["tokens"][w.a.head]
	resp = http.post("/api/resource/TD Interview", token, interview_body(w.a.villages[0]))
	assert resp.status == 200, resp.text[:500]
	made = resp.json()["data"]
	assert made["interviewer_unit"] == w.a.unit  # held by the township, not in the county's name
	assert made["status"] == v.PLANNED
	# township B's village: refused, nothing saved
	before = count("TD Interview", unit=w.b.villages[0])
	resp = http.post("/api/resource/TD Interview", token, interview_body(w.b.villages[0]))
	assert resp.status == 403, resp.text[:300]
	assert count("TD Interview", unit=w.b.villages[0]) == before
	# its own unit: a self-review (回头看) is allowed
	resp = http.post("/api/resource/TD Interview", token, interview_body(w.a.unit, title="乡党委回头看约谈"))
	assert resp.status == 200, resp.text[:300]
	# in the county's name, or in a village's: refused with a translated message
	for holder in (w.county, w.a.villages[0]):
		resp = http.post(
			"/api/resource/TD Interview", token, interview_body(w.a.villages[0], interviewer_unit=holder)
		)
		assert resp.status in (403, 417), resp.text[:300]
		assert any("约谈" in m or "权限" in m or "范围" in m for m in resp.messages), resp.messages


def test_the_discipline_secretary_inspects_the_branch_and_the_liaison_cannot(world):
	w = world
	body = {
		"title": "东村专项督查",
		"inspection_kind": "Special Inspection",
		"unit": w.a.villages[0],
		"period_from": today(),
		"period_to": today(),
	}
	resp = http.post("/api/resource/TD Inspection", w.extra["tokens"][w.a.secretary], body)
	assert resp.status == 200, resp.text[:500]
	assert resp.json()["data"]["inspecting_unit"] == w.a.unit
	before = count("TD Inspection", unit=w.a.villages[0])
	resp = http.post("/api/resource/TD Inspection", w.extra["tokens"][w.a.liaison], body)
	assert resp.status == 403, resp.text[:300]
	assert count("TD Inspection", unit=w.a.villages[0]) == before


def test_the_village_reads_the_townships_interview_of_it_and_cannot_change_it(world):
	w = world
	resp = http.post(
		"/api/resource/TD Interview", w.extra["tokens"][w.a.head], interview_body(w.a.villages[0])
	)
	assert resp.status == 200, resp.text[:300]
	name = resp.json()["data"]["name"]
	village_head = w.extra["tokens"][w.extra["village_head"]]
	assert http.get(f"/api/resource/TD Interview/{name}", village_head).status == 200
	resp = http.put(f"/api/resource/TD Interview/{name}", village_head, {"place": "村委会"})
	assert resp.status == 403, resp.text[:300]
	# nor can the village head take it over by naming his own village as its holder
	resp = http.put(f"/api/resource/TD Interview/{name}", village_head, {"interviewer_unit": w.a.villages[0]})
	assert resp.status == 403, resp.text[:300]
	frappe.db.rollback()
	assert frappe.db.get_value("TD Interview", name, ["interviewer_unit", "place"]) == (w.a.unit, None)
	# another township's head sees nothing of it
	assert http.get(f"/api/resource/TD Interview/{name}", w.extra["tokens"][w.b.head]).status == 403
	# the township's head records it as held
	resp = http.put(
		f"/api/resource/TD Interview/{name}", w.extra["tokens"][w.a.head], {"place": "乡党委会议室"}
	)
	assert resp.status == 200, resp.text[:300]


def test_the_county_still_records_everything_and_sees_the_townships_interviews(world):
	w = world
	token = w.extra["tokens"][w.inspector]
	resp = http.post("/api/resource/TD Interview", token, interview_body(w.b.villages[1]))
	assert resp.status == 200, resp.text[:300]
	assert not resp.json()["data"].get("interviewer_unit")  # the county's own
	listed = http.get(
		"/api/resource/TD Interview",
		token,
		filters=[["interviewer_unit", "=", w.a.unit]],
		limit_page_length=0,
	)
	assert listed.status == 200 and len(listed.json()["data"]) >= 1


def test_a_membership_ended_by_saving_loses_access_at_once(world):
	w = world
	frappe.set_user("Administrator")
	leaver = make_user("leaver", first_name="调离的联络员")
	unit = frappe.get_doc("TD Unit", w.a.unit)
	unit.append("members", {"user": leaver, "position": v.LIAISON, "from_date": add_days(today(), -400)})
	unit.save()
	task = make_task(w.a.unit)
	frappe.db.commit()
	assert v.ROLE_LIAISON in user_roles(leaver) and w.a.unit in unit_permissions(leaver)
	token = http.api_token(leaver)
	assert http.get(f"/api/resource/TD Rectification Task/{task}", token).status == 200
	# the county records the end of the post: the last day was yesterday
	frappe.set_user(w.admin)
	unit = frappe.get_doc("TD Unit", w.a.unit)
	next(m for m in unit.members if m.user == leaver).to_date = add_days(today(), -1)
	unit.save()
	frappe.db.commit()
	assert v.ROLE_LIAISON not in user_roles(leaver) and w.a.unit not in unit_permissions(leaver)
	assert http.get(f"/api/resource/TD Rectification Task/{task}", token).status == 403
	# who held the post, then and now
	assert leaver in membership.holders_on(w.a.unit, v.LIAISON, add_days(today(), -2))
	assert leaver not in membership.holders_on(w.a.unit, v.LIAISON)


def test_a_membership_that_ends_loses_access_the_next_day_through_the_daily_job(world):
	w = world
	frappe.set_user("Administrator")
	leaver = make_user("ends-today", first_name="今日卸任的班子成员")
	newcomer = make_user("starts-tomorrow", first_name="明日到任的纪委书记")
	unit = frappe.get_doc("TD Unit", w.a.villages[1])
	unit.append("members", {"user": leaver, "position": v.TEAM_MEMBER, "to_date": today()})
	unit.append("members", {"user": newcomer, "position": v.LIAISON, "from_date": add_days(today(), 1)})
	unit.save()
	frappe.db.commit()
	assert v.ROLE_TEAM_MEMBER in user_roles(leaver)  # today is still the leaver's last day
	assert v.ROLE_LIAISON not in user_roles(newcomer) and not unit_permissions(newcomer)
	tomorrow = add_days(today(), 1)
	assert membership.refresh_current(tomorrow) >= 2
	frappe.db.commit()
	assert v.ROLE_TEAM_MEMBER not in user_roles(leaver) and not unit_permissions(leaver)
	assert v.ROLE_LIAISON in user_roles(newcomer) and w.a.villages[1] in unit_permissions(newcomer)
	# once is enough: the second run of the day changes nothing
	assert membership.refresh_current(tomorrow) == 0
	# put the day back for the rest of the suite
	membership.refresh_current(today())
	frappe.db.commit()


def test_overlapping_posts_are_refused_and_a_return_is_allowed(world):
	w = world
	frappe.set_user(w.admin)
	person = make_user("returns", first_name="回任的班子成员")
	unit = frappe.get_doc("TD Unit", w.a.villages[0])
	unit.append(
		"members",
		{"user": person, "position": v.TEAM_MEMBER, "from_date": "2024-01-01", "to_date": "2024-12-31"},
	)
	unit.append("members", {"user": person, "position": v.LIAISON, "from_date": "2025-01-01"})
	unit.save()  # a return in another post, after the first ended
	unit.reload()
	unit.append("members", {"user": person, "position": v.TEAM_MEMBER, "from_date": "2025-06-01"})
	with pytest.raises(frappe.ValidationError):
		unit.save()
	unit.reload()
	# a second Party secretary at the same time
	unit.append("members", {"user": w.a.team_member, "position": v.UNIT_HEAD})
	with pytest.raises(frappe.ValidationError):
		unit.save()
	unit.reload()
	row = next(m for m in unit.members if m.user == person and m.position == v.LIAISON)
	row.to_date = "2024-06-30"  # ends before it begins
	with pytest.raises(frappe.ValidationError, match=r"早于|before"):
		unit.save()
	frappe.db.rollback()


def test_both_heads_carry_the_first_responsible_persons_duties_and_interviews_keep_the_post(world):
	"""党政同责: the Administrative Head (乡镇长) carries the first responsible person's duties beside the Party
	secretary; a former head no longer does; an interviewee's post is the one held on the interview's day."""
	from twoduty_app.responsibility.assignments import build_items, catalogue_by_unit_type

	w = world
	frappe.set_user(w.admin)
	mayor = make_user("mayor", first_name="甲乡乡长")
	former = make_user("former-mayor", first_name="甲乡原乡长")
	unit = frappe.get_doc("TD Unit", w.a.unit)
	unit.append(
		"members",
		{
			"user": former,
			"position": v.ADMINISTRATIVE_HEAD,
			"from_date": "2023-01-01",
			"to_date": "2025-12-31",
		},
	)
	unit.append("members", {"user": mayor, "position": v.ADMINISTRATIVE_HEAD, "from_date": "2026-01-01"})
	unit.save()
	catalogue = catalogue_by_unit_type()[v.TOWNSHIP]
	first = {d.name for d in catalogue if d.duty_layer == v.LAYER_FIRST}
	assert first, "the seeded catalogue has first-responsible duties for townships"
	carriers = {}
	for row in build_items(unit, catalogue):
		carriers.setdefault(row["duty_item"], set()).add(row["responsible_user"])
	for duty in first:
		assert carriers[duty] == {w.a.head, mayor}
	assert v.ROLE_TEAM_MEMBER in user_roles(mayor) and v.ROLE_TEAM_MEMBER not in user_roles(former)
	# the former mayor interviewed about 2025: his post then is kept on the record
	frappe.set_user(w.inspector)
	interview = frappe.get_doc(
		{
			"doctype": "TD Interview",
			**interview_body(w.a.unit, title="原乡长履责约谈", interview_date="2025-06-30"),
			"interviewees": [{"user": former, "unit": w.a.unit}],
		}
	).insert()
	assert interview.interviewees[0].position == v.ADMINISTRATIVE_HEAD
	frappe.db.rollback()


def test_the_township_raises_issues_and_rechecks_its_villages_tasks(world):
	"""逐级整改: the township's interview of its village raises the village's tasks in the township's name;
	the village works them; the township's discipline secretary rechecks and closes them out. The village
	cannot recheck its own task, nor can another township's secretary."""
	w = world
	village, village_head, village_liaison = (
		w.a.villages[0],
		w.extra["village_head"],
		w.extra["village_liaison"],
	)
	frappe.set_user(w.a.head)
	interview = frappe.get_doc(
		{
			"doctype": "TD Interview",
			**interview_body(village, title="东村履责约谈"),
			"interviewer": w.a.head,
			"issues": [{"problem": "村务公开不及时", "requirement": "按月公开村务", "unit": village}],
		}
	).insert()
	interview.mark_held()
	interview.reload()
	(task,) = interview.create_rectification_tasks()
	assert frappe.db.get_value("TD Rectification Task", task, ["issuing_unit", "workflow_state"]) == (
		w.a.unit,
		v.ISSUED,
	)
	bring_to_pending_recheck(w, task, village_liaison, village_head)
	assert state(task) == v.PENDING_RECHECK
	frappe.db.commit()
	# the village itself, and another township, cannot recheck it
	for outsider in (village_head, w.b.secretary):
		with pytest.raises((frappe.ValidationError, frappe.PermissionError)):
			recheck(task, outsider)
		frappe.db.rollback()
	assert state(task) == v.PENDING_RECHECK
	recheck(task, w.a.secretary)
	assert state(task) == v.CLOSED


def test_a_draft_task_is_issued_by_its_issuing_unit_alone(world):
	w = world
	village = w.a.villages[1]
	resp = http.post(
		"/api/resource/TD Rectification Task",
		w.extra["tokens"][w.a.secretary],
		{
			"unit": village,
			"problem": "集体资金使用未经村民代表会议",
			"requirement": "补开村民代表会议并公示",
			"rectification_kind": v.DEADLINE,
			"issued_on": today(),
			"deadline": add_days(today(), 30),
		},
	)
	assert resp.status == 200, resp.text[:500]
	task = resp.json()["data"]["name"]
	assert resp.json()["data"]["issuing_unit"] == w.a.unit
	# township B's head cannot issue it (he cannot even see it), nor can township A's liaison
	frappe.db.commit()
	for outsider in (w.b.head, w.a.liaison):
		with pytest.raises((frappe.ValidationError, frappe.PermissionError)):
			workflow(task, v.ACTION_ISSUE, outsider)
		frappe.db.rollback()
	assert state(task) == v.DRAFT
	workflow(task, v.ACTION_ISSUE, w.a.secretary)
	assert state(task) == v.ISSUED
	frappe.db.commit()
	# a task to another township's village, in township A's name: refused
	resp = http.post(
		"/api/resource/TD Rectification Task",
		w.extra["tokens"][w.a.secretary],
		{"unit": w.b.villages[0], "problem": "越界交办", "rectification_kind": v.DEADLINE},
	)
	assert resp.status == 403, resp.text[:300]


def test_the_discipline_secretary_cannot_work_a_task_the_county_issued(world):
	"""Write on tasks is given to discipline secretaries for issuing their own unit's tasks only."""
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.villages[0])
	frappe.db.commit()
	resp = http.put(
		f"/api/resource/TD Rectification Task/{task}",
		w.extra["tokens"][w.a.secretary],
		{"measures": "由乡纪委代为填写"},
	)
	assert resp.status == 403, resp.text[:300]
	frappe.db.rollback()
	assert not frappe.db.get_value("TD Rectification Task", task, "measures")


def test_the_issuing_rule_of_the_buttons_is_the_controllers(world):
	"""The workflow fixture's condition for a unit's heads issuing is the text `supervising.py` holds."""
	from twoduty_app.supervision.supervising import ISSUER_CONDITION

	transitions = frappe.get_all(
		"Workflow Transition",
		{"parent": "TD Rectification Task Workflow", "action": v.ACTION_ISSUE},
		["allowed", "condition"],
	)
	unit_rows = [t for t in transitions if t.allowed in (v.ROLE_UNIT_HEAD, v.ROLE_DISCIPLINE_SECRETARY)]
	assert len(unit_rows) == 2 and all(t.condition == ISSUER_CONDITION for t in unit_rows)
