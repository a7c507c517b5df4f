"""Another township's units stay invisible to a township's people through every door.

The world is committed (the REST requests run on their own connections) on a fresh test site.
"""

import frappe
import pytest

from tests import http
from tests.factories import CountyWorld, make_county_world, make_unit


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=True)
	w.extra["tokens"] = {
		user: http.api_token(user)
		for user in (w.a.liaison, w.a.head, w.a.secretary, w.b.liaison, w.viewer, w.department_head)
	}
	return w


def branch(w: CountyWorld, t) -> set[str]:
	return {t.unit, t.station, *t.villages}


def names_via_list(user: str) -> set[str]:
	frappe.set_user(user)
	return set(frappe.get_list("TD Unit", pluck="name", limit_page_length=0))


def test_list_shows_only_the_own_branch(world):
	assert names_via_list(world.a.liaison) == branch(world, world.a)
	assert names_via_list(world.b.head) == branch(world, world.b)


def test_county_roles_without_membership_see_every_unit(world):
	every = branch(world, world.a) | branch(world, world.b) | {world.county, world.department}
	assert every <= names_via_list(world.viewer)
	assert every <= names_via_list(world.inspector)


def test_form_of_another_townships_unit_is_refused(world):
	frappe.set_user(world.a.secretary)
	assert frappe.get_doc("TD Unit", world.a.villages[0]).has_permission("read")
	assert not frappe.get_doc("TD Unit", world.b.villages[0]).has_permission("read")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Unit", world.b.unit).check_permission("read")
	# the county above is outside the branch too
	assert not frappe.get_doc("TD Unit", world.county).has_permission("read")


def test_rest_resource_list_and_document(world):
	token = world.extra["tokens"][world.a.liaison]
	listed = http.get("/api/resource/TD Unit", token, limit_page_length=0)
	assert listed.status == 200, listed.text
	assert {r["name"] for r in listed.json()["data"]} == branch(world, world.a)
	own = http.get(f"/api/resource/TD Unit/{world.a.unit}", token)
	assert own.status == 200 and own.json()["data"]["name"] == world.a.unit
	foreign = http.get(f"/api/resource/TD Unit/{world.b.unit}", token)
	assert foreign.status == 403, foreign.text
	assert world.b.unit not in foreign.text or "unit_name" not in foreign.text


def test_rest_filters_cannot_widen_the_scope(world):
	token = world.extra["tokens"][world.a.liaison]
	resp = http.get(
		"/api/resource/TD Unit", token, filters=[["TD Unit", "name", "=", world.b.unit]], limit_page_length=0
	)
	assert resp.status == 200 and resp.json()["data"] == []


def test_link_search_offers_only_the_own_branch(world):
	token = world.extra["tokens"][world.a.head]
	resp = http.get("/api/method/frappe.desk.search.search_link", token, doctype="TD Unit", txt="")
	assert resp.status == 200, resp.text
	offered = {r["value"] for r in resp.json()["message"]}
	assert offered and offered <= branch(world, world.a)
	resp = http.get("/api/method/frappe.desk.search.search_link", token, doctype="TD Unit", txt="乙")
	assert resp.json()["message"] == []


def test_report_view_and_counts_stay_in_scope(world):
	token = world.extra["tokens"][world.a.liaison]
	report = http.get(
		"/api/method/frappe.desk.reportview.get",
		token,
		doctype="TD Unit",
		fields=["`tabTD Unit`.`name`", "`tabTD Unit`.`unit_type`"],
		page_length=500,
	)
	assert report.status == 200, report.text
	values = report.json()["message"]["values"]
	assert {v[0] for v in values} == branch(world, world.a)
	for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
		count = http.get(f"/api/method/{method}", token, doctype="TD Unit")
		assert count.status == 200, count.text
		assert count.json()["message"] == len(branch(world, world.a)), method


def test_sidebar_group_by_counts_stay_in_scope(world):
	token = world.extra["tokens"][world.a.liaison]
	resp = http.get(
		"/api/method/frappe.desk.listview.get_group_by_count",
		token,
		doctype="TD Unit",
		current_filters=[],
		field="unit_type",
	)
	assert resp.status == 200, resp.text
	counts = {r["name"]: r["count"] for r in resp.json()["message"]}
	assert counts == {"Township": 1, "Village": 2, "Grassroots Station": 1}


def export_units(token: str):
	return http.post(
		"/api/method/frappe.desk.reportview.export_query",
		token,
		{
			"doctype": "TD Unit",
			"file_format_type": "CSV",
			"fields": ["`tabTD Unit`.`name`"],
			"title": "units",
		},
	)


def test_export_contains_only_the_own_branch(world):
	all_rows = export_units(world.extra["tokens"][world.viewer])
	assert all_rows.status == 200, all_rows.text[:500]
	assert world.b.unit in all_rows.text and world.a.unit in all_rows.text
	dept = export_units(world.extra["tokens"][world.department_head])
	# unit heads have no export right at all
	assert dept.status == 403, dept.text[:300]


def test_print_of_another_townships_unit_is_refused(world):
	token = world.extra["tokens"][world.a.liaison]
	method = "/api/method/frappe.www.printview.get_html_and_style"
	own = http.get(method, token, doc="TD Unit", name=world.a.unit)
	assert own.status == 200, own.text[:300]
	assert frappe.db.get_value("TD Unit", world.a.unit, "unit_name") in own.json()["message"]["html"]
	foreign = http.get(method, token, doc="TD Unit", name=world.b.unit)
	assert foreign.status == 403, foreign.text[:300]
	pdf = http.get(
		"/api/method/frappe.utils.print_format.download_pdf", token, doctype="TD Unit", name=world.b.unit
	)
	assert pdf.status == 403 and not pdf.body.startswith(b"%PDF")


def test_scoped_user_cannot_change_another_branch_through_rest(world):
	token = world.extra["tokens"][world.a.head]
	resp = http.put(f"/api/resource/TD Unit/{world.b.unit}", token, {"unit_name": "篡改"})
	assert resp.status == 403
	frappe.db.rollback()
	assert frappe.db.get_value("TD Unit", world.b.unit, "unit_name") != "篡改"


def test_viewer_reads_everything_but_changes_nothing(world):
	token = world.extra["tokens"][world.viewer]
	assert http.get(f"/api/resource/TD Unit/{world.b.unit}", token).status == 200
	resp = http.put(f"/api/resource/TD Unit/{world.b.unit}", token, {"unit_name": "改名"})
	assert resp.status == 403
	resp = http.post(
		"/api/resource/TD Unit",
		token,
		{"unit_name": "新镇", "unit_type": "Township", "parent_td_unit": world.county},
	)
	assert resp.status == 403


def test_department_head_sees_the_department_branch_only(world):
	seen = names_via_list(world.department_head)
	assert world.department in seen
	assert not seen & (branch(world, world.a) | branch(world, world.b) | {world.county})
	assert len(seen) == 2  # the department and its internal section


def test_new_village_appears_over_rest_at_once(world):
	token = world.extra["tokens"][world.a.liaison]
	before = {r["name"] for r in http.get("/api/resource/TD Unit", token, limit_page_length=0).json()["data"]}
	frappe.set_user("Administrator")
	village = make_unit("后建村", "Village", world.a.unit)
	frappe.db.commit()
	after = {r["name"] for r in http.get("/api/resource/TD Unit", token, limit_page_length=0).json()["data"]}
	assert after == before | {village}
	other = http.get("/api/resource/TD Unit", world.extra["tokens"][world.b.liaison], limit_page_length=0)
	assert village not in {r["name"] for r in other.json()["data"]}
