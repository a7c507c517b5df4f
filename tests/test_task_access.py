"""Rectification records through every door, as township people and county staff (committed world)."""

import frappe
import pytest
from frappe.utils import add_days, today

from tests import http
from tests.factories import CountyWorld, attach_evidence, make_county_world, make_interview, make_task, state


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=True)
	frappe.set_user(w.inspector)
	w.extra["task_a"] = make_task(w.a.unit, problem="甲乡问题")
	w.extra["task_a_village"] = make_task(w.a.villages[0], problem="甲乡村级问题")
	w.extra["task_b"] = make_task(w.b.unit, problem="乙乡问题")
	frappe.set_user(w.b.liaison)
	doc = frappe.get_doc("TD Rectification Task", w.extra["task_b"])
	doc.append("progress", {"note": "乙乡进展", "evidence": attach_evidence(doc.name, "secret.png")})
	doc.save()
	w.extra["evidence_b"] = doc.progress[0].evidence
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.extra["tokens"] = {
		u: http.api_token(u) for u in (w.a.liaison, w.a.head, w.b.liaison, w.viewer, w.inspector, w.admin)
	}
	return w


def tasks_of(w, *keys):
	return {w.extra[k] for k in keys}


def test_township_lists_only_its_branchs_tasks(world):
	w = world
	frappe.set_user(w.a.liaison)
	seen = set(frappe.get_list("TD Rectification Task", pluck="name", limit_page_length=0))
	assert tasks_of(w, "task_a", "task_a_village") <= seen
	assert w.extra["task_b"] not in seen
	token = w.extra["tokens"][w.a.liaison]
	listed = http.get("/api/resource/TD Rectification Task", token, limit_page_length=0)
	assert {r["name"] for r in listed.json()["data"]} == seen


def test_task_form_and_rest_document_of_another_township_are_refused(world):
	w = world
	frappe.set_user(w.a.head)
	assert not frappe.get_doc("TD Rectification Task", w.extra["task_b"]).has_permission("read")
	token = w.extra["tokens"][w.a.head]
	assert http.get(f"/api/resource/TD Rectification Task/{w.extra['task_b']}", token).status == 403
	assert http.get(f"/api/resource/TD Rectification Task/{w.extra['task_a']}", token).status == 200


def test_counts_report_view_and_search_stay_in_scope(world):
	w = world
	token = w.extra["tokens"][w.a.liaison]
	count = http.get("/api/method/frappe.client.get_count", token, doctype="TD Rectification Task")
	frappe.set_user(w.a.liaison)
	assert count.json()["message"] == frappe.db.count(
		"TD Rectification Task", {"unit": ("in", [w.a.unit, *w.a.villages, w.a.station])}
	)
	groups = http.get(
		"/api/method/frappe.desk.listview.get_group_by_count",
		token,
		doctype="TD Rectification Task",
		current_filters=[],
		field="unit",
	)
	assert groups.status == 200
	assert w.b.unit not in {g["name"] for g in groups.json()["message"]}
	search = http.get(
		"/api/method/frappe.desk.search.search_link", token, doctype="TD Rectification Task", txt="乙乡"
	)
	assert search.json()["message"] == []
	report = http.get(
		"/api/method/frappe.desk.reportview.get",
		token,
		doctype="TD Rectification Task",
		fields=["`tabTD Rectification Task`.`name`"],
	)
	assert w.extra["task_b"] not in {v[0] for v in report.json()["message"]["values"]}


def test_attachments_of_another_townships_task_stay_closed(world):
	w = world
	token = w.extra["tokens"][w.a.liaison]
	file_url = w.extra["evidence_b"]
	assert file_url.startswith("/private/files/")
	direct = http.get(file_url, token)
	assert direct.status == 403, direct.status
	files = http.get(
		"/api/resource/File",
		token,
		filters=[["attached_to_name", "=", w.extra["task_b"]]],
		fields=["name", "file_url"],
	)
	assert files.status in (200, 403)
	if files.status == 200:
		assert files.json()["data"] == []
	# its own unit can open it
	assert http.get(file_url, w.extra["tokens"][w.b.liaison]).status == 200


def test_print_of_another_townships_task_is_refused(world):
	w = world
	token = w.extra["tokens"][w.a.liaison]
	resp = http.get(
		"/api/method/frappe.www.printview.get_html_and_style",
		token,
		doc="TD Rectification Task",
		name=w.extra["task_b"],
	)
	assert resp.status == 403


def test_unit_cannot_edit_what_the_county_set_through_rest(world):
	w = world
	token = w.extra["tokens"][w.a.head]
	task = w.extra["task_a"]
	before = frappe.db.get_value("TD Rectification Task", task, ["deadline", "round"])
	for change in (
		{"deadline": add_days(today(), 300)},
		{"round": 9},
		{"workflow_state": "Closed Out"},
		{"unit": w.b.unit},
	):
		resp = http.put(f"/api/resource/TD Rectification Task/{task}", token, change)
		assert resp.status in (403, 417), (change, resp.status, resp.text[:200])
		assert "Traceback" not in resp.text
	frappe.db.rollback()
	assert frappe.db.get_value("TD Rectification Task", task, ["deadline", "round"]) == before
	assert state(task) == "Issued"


@pytest.mark.parametrize("accept_language", [None, "en-US,en;q=0.9"])
def test_error_over_rest_is_in_the_users_language(world, accept_language):
	w = world
	token = w.extra["tokens"][w.a.head]  # a user whose language is zh
	resp = http.put(
		f"/api/resource/TD Rectification Task/{w.extra['task_a']}",
		token,
		{"deadline": add_days(today(), 300)},
		headers={"Accept-Language": accept_language} if accept_language else None,
	)
	messages = [
		frappe.parse_json(m)["message"] for m in frappe.parse_json(resp.json().get("_server_messages", "[]"))
	]
	assert any("由纪委设定" in m for m in messages), resp.text[:300]


def test_unit_people_cannot_delete_tasks_or_create_rechecks(world):
	w = world
	token = w.extra["tokens"][w.a.head]
	assert http.delete(f"/api/resource/TD Rectification Task/{w.extra['task_a']}", token).status == 403
	resp = http.post(
		"/api/resource/TD Recheck",
		token,
		{
			"rectification_task": w.extra["task_a"],
			"rechecker": w.a.head,
			"result": "Pass",
			"recheck_date": today(),
		},
	)
	assert resp.status == 403
	frappe.db.rollback()
	assert frappe.db.exists("TD Rectification Task", w.extra["task_a"])


def test_workflow_through_rest_respects_unit_scope(world):
	w = world
	token_b = w.extra["tokens"][w.b.liaison]
	resp = http.post(
		"/api/method/frappe.model.workflow.apply_workflow",
		token_b,
		{"doc": {"doctype": "TD Rectification Task", "name": w.extra["task_a"]}, "action": "Submit Plan"},
	)
	assert resp.status == 403
	frappe.db.rollback()
	assert state(w.extra["task_a"]) == "Issued"


def test_viewer_reads_every_task_and_changes_none(world):
	w = world
	token = w.extra["tokens"][w.viewer]
	assert http.get(f"/api/resource/TD Rectification Task/{w.extra['task_b']}", token).status == 200
	resp = http.put(f"/api/resource/TD Rectification Task/{w.extra['task_b']}", token, {"requirement": "改"})
	assert resp.status == 403


def test_interview_coverage_lists_who_was_and_was_not_interviewed(world):
	w = world
	interview = make_interview(
		w,
		unit=w.county,
		title="年度约谈",
		interview_category="Routine",
		interviewees=[{"user": w.a.head}, {"user": w.a.secretary}, {"user": w.b.head}],
		held=True,
	)
	frappe.db.commit()
	token = w.extra["tokens"][w.viewer]
	resp = http.get(
		"/api/method/twoduty_app.api.coverage.get_interview_coverage",
		token,
		year=str(frappe.utils.getdate().year),
		county=w.county,
	)
	assert resp.status == 200, resp.text[:300]
	rows = {(r["unit"], r["position"]): r for r in resp.json()["message"]}
	assert (
		rows[(w.a.unit, "Unit Head")]["interviewed"]
		and rows[(w.a.unit, "Discipline Secretary")]["interviewed"]
	)
	assert rows[(w.b.unit, "Unit Head")]["interviewed"]
	assert not rows[(w.b.unit, "Discipline Secretary")]["interviewed"]
	assert not rows[(w.department, "Unit Head")]["interviewed"]
	assert rows[(w.department, "Discipline Secretary")]["user"] is None
	assert interview.name in rows[(w.a.unit, "Unit Head")]["interviews"]
	# township people cannot read the county's coverage
	denied = http.get(
		"/api/method/twoduty_app.api.coverage.get_interview_coverage", w.extra["tokens"][w.a.head]
	)
	assert denied.status == 403
