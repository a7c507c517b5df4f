"""Whoever an interview names (an interviewee, or a member of a concerned unit) reads that interview through
every door, and only that one; the county's other interviews and other units' interviews stay closed."""

import frappe
import pytest

from tests import http
from tests.factories import CountyWorld, attach_file, make_county_world, make_interview


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	# the county's collective interview of township A's head, with township A as a concerned unit
	named = make_interview(
		w,
		unit=w.county,
		title="县纪委集体约谈",
		interviewees=[{"user": w.a.head, "unit": w.a.unit}],
		concerned_units=[{"unit": w.a.unit}],
		issues=[{"problem": "两个责任落实不到位", "unit": w.a.unit}],
	)
	other = make_interview(w, unit=w.county, title="县纪委约谈乙乡", interviewees=[{"user": w.b.head}])
	frappe.set_user(w.inspector)
	w.extra["file"] = attach_file("TD Interview", named.name, "约谈记录.png")
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.extra.update(named=named.name, other=other.name)
	w.extra["tokens"] = {u: http.api_token(u) for u in (w.a.head, w.a.liaison, w.b.liaison, w.b.head)}
	return w


def listed(w, user) -> set[str]:
	resp = http.get("/api/resource/TD Interview", w.extra["tokens"][user], limit_page_length=0)
	assert resp.status == 200, resp.text[:300]
	return {r["name"] for r in resp.json()["data"]}


def test_the_interviewee_and_the_concerned_unit_read_it_and_nothing_else(world):
	w = world
	for user in (w.a.head, w.a.liaison):  # named as interviewee; member of the concerned unit
		token = w.extra["tokens"][user]
		assert w.extra["named"] in listed(w, user) and w.extra["other"] not in listed(w, user)
		assert http.get(f"/api/resource/TD Interview/{w.extra['named']}", token).status == 200
		assert http.get(f"/api/resource/TD Interview/{w.extra['other']}", token).status == 403
		pdf = http.get(
			"/api/method/frappe.utils.print_format.download_pdf",
			token,
			doctype="TD Interview",
			name=w.extra["named"],
			format="TD Interview Notice",
		)
		assert pdf.status == 200 and pdf.body.startswith(b"%PDF")
		assert http.get(w.extra["file"], token).status == 200


def test_another_township_reaches_neither_the_interview_nor_its_files(world):
	w = world
	token = w.extra["tokens"][w.b.liaison]
	assert w.extra["named"] not in listed(w, w.b.liaison)
	assert http.get(f"/api/resource/TD Interview/{w.extra['named']}", token).status == 403
	assert http.get(w.extra["file"], token).status == 403
	files = http.get(
		"/api/resource/File",
		token,
		filters=[["attached_to_doctype", "=", "TD Interview"]],
		fields=["file_url"],
		limit_page_length=0,
	)
	assert w.extra["file"] not in {f["file_url"] for f in files.json()["data"]}
	# the other interview names township B's head, who reads that one only
	assert listed(w, w.b.head) & {w.extra["named"], w.extra["other"]} == {w.extra["other"]}


def test_being_named_gives_reading_not_writing(world):
	w = world
	token = w.extra["tokens"][w.a.head]
	resp = http.put(f"/api/resource/TD Interview/{w.extra['named']}", token, {"title": "改"})
	assert resp.status == 403
	frappe.db.rollback()
	assert frappe.db.get_value("TD Interview", w.extra["named"], "title") == "县纪委集体约谈"


@pytest.mark.usefixtures("rollback_each_test")
def test_minutes_of_a_held_interview_cannot_be_deleted(world):
	from twoduty_app.exceptions import EvidenceRemovalError

	w = world
	planned = make_interview(w, title="待召开的约谈")
	draft_minutes = attach_file("TD Interview", planned.name, "草稿.png")
	frappe.delete_doc("File", frappe.db.get_value("File", {"file_url": draft_minutes}))  # not held yet
	held = make_interview(w, title="已召开的约谈", held=True)
	minutes = attach_file("TD Interview", held.name, "约谈记录.png")
	for user in (w.inspector, w.admin):
		frappe.set_user(user)
		with pytest.raises(EvidenceRemovalError):  # whatever the rights on files, the minutes stay
			frappe.delete_doc(
				"File", frappe.db.get_value("File", {"file_url": minutes}), ignore_permissions=True
			)
