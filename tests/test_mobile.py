"""The phone page's endpoints (/td): the same rules as the desk, evidence uploads all-or-nothing."""

import json
import os
import urllib.request

import frappe
import pytest
from frappe.utils import getdate, nowdate

from tests import http
from tests.factories import PNG, make_county_world, make_task, state
from twoduty_app.responsibility.assignments import generate_assignments

API = "/api/method/twoduty_app.api.mobile"


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=True)
	frappe.set_user(w.inspector)
	w.extra["soon"] = make_task(w.a.unit, deadline_days=5, problem="临近期限的问题")
	w.extra["later"] = make_task(w.a.unit, deadline_days=50, problem="较晚到期的问题")
	w.extra["village"] = make_task(w.a.villages[0], deadline_days=60, problem="村级问题")
	w.extra["other"] = make_task(w.b.unit, problem="乙乡问题")
	frappe.set_user("Administrator")
	generate_assignments(getdate(nowdate()).year, w.county, publish_progress=False)
	frappe.db.commit()
	w.extra["tokens"] = {u: http.api_token(u) for u in (w.a.liaison, w.a.head, w.b.liaison)}
	return w


def progress_rows(task: str) -> int:
	frappe.db.rollback()
	return frappe.db.count("TD Task Progress", {"parent": task})


def test_my_tasks_lists_the_branch_soonest_first(world):
	resp = http.get(f"{API}.my_tasks", world.extra["tokens"][world.a.liaison])
	names = [t["name"] for t in resp.json()["message"]]
	assert names.index(world.extra["soon"]) < names.index(world.extra["later"])
	assert world.extra["other"] not in names


def test_another_townships_task_cannot_be_opened(world):
	resp = http.get(f"{API}.task_detail", world.extra["tokens"][world.a.liaison], name=world.extra["other"])
	assert resp.status == 403


def test_progress_with_photos_is_saved_as_private_evidence(world):
	task = world.extra["soon"]
	resp = http.upload(
		f"{API}.add_progress",
		world.extra["tokens"][world.a.liaison],
		{"name": task, "note": "已完成台账建立"},
		[("site1.png", PNG), ("site2.jpg", PNG)],
	)
	assert resp.status == 200, resp.text[:300]
	files = resp.json()["message"]["files"]
	assert len(files) == 2 and all(f.startswith("/private/files/") for f in files)
	assert progress_rows(task) == 2
	assert frappe.db.get_value("File", {"file_url": files[0]}, "attached_to_name") == task


@pytest.mark.parametrize(
	"files,fragment",
	[
		([("virus.exe", b"MZ...")], "不能作为佐证材料"),
		([("huge.png", b"0" * (10 * 1024 * 1024 + 10))], "超过"),
		([("empty.png", b"")], "空文件"),
	],
)
def test_bad_uploads_are_refused_with_a_clear_message_and_nothing_saved(world, files, fragment):
	task = world.extra["later"]
	before_rows = progress_rows(task)
	before_files = frappe.db.count("File", {"attached_to_name": task})
	resp = http.upload(
		f"{API}.add_progress",
		world.extra["tokens"][world.a.liaison],
		{"name": task, "note": "进展"},
		files,
		headers={"Accept-Language": "zh-CN,zh;q=0.9"},
	)
	assert resp.status == 417, resp.text[:200]
	messages = [frappe.parse_json(m)["message"] for m in frappe.parse_json(resp.json()["_server_messages"])]
	assert any(fragment in m for m in messages), messages
	assert progress_rows(task) == before_rows
	assert frappe.db.count("File", {"attached_to_name": task}) == before_files


def test_workflow_from_the_phone_follows_the_desks_rules(world):
	task = world.extra["later"]
	liaison, head = world.extra["tokens"][world.a.liaison], world.extra["tokens"][world.a.head]
	detail = http.get(f"{API}.task_detail", liaison, name=task).json()["message"]
	assert detail["actions"] == ["Submit Plan"]
	resp = http.post(
		f"{API}.apply_action", liaison, {"name": task, "action": "Submit Plan", "measures": "建立台账"}
	)
	assert resp.status == 200 and resp.json()["message"]["workflow_state"] == "Plan Submitted"
	refused = http.post(f"{API}.apply_action", liaison, {"name": task, "action": "Approve Plan"})
	assert refused.status in (403, 417)
	assert http.post(f"{API}.apply_action", head, {"name": task, "action": "Approve Plan"}).status == 200
	frappe.db.rollback()
	assert state(task) == "Rectifying"
	other = http.post(
		f"{API}.apply_action",
		world.extra["tokens"][world.b.liaison],
		{"name": task, "action": "Submit Report"},
	)
	assert other.status == 403


def test_the_phone_offers_no_action_on_a_task_of_a_unit_below(world):
	"""The township's liaison reads the village's task but acts only for the township."""
	task = world.extra["village"]
	liaison = world.extra["tokens"][world.a.liaison]
	detail = http.get(f"{API}.task_detail", liaison, name=task).json()["message"]
	assert detail["problem"] == "村级问题" and detail["actions"] == []
	refused = http.post(f"{API}.apply_action", liaison, {"name": task, "action": "Submit Plan"})
	assert refused.status in (403, 417)
	frappe.db.rollback()
	assert state(task) == "Issued"


def test_duty_record_from_the_phone(world):
	token = world.extra["tokens"][world.a.liaison]
	options = http.get(f"{API}.duty_options", token).json()["message"]
	assert [u["unit"] for u in options["units"]] == [world.a.unit]
	duty = options["units"][0]["duties"][0]["duty_item"]
	resp = http.upload(
		f"{API}.record_duty",
		token,
		{
			"unit": world.a.unit,
			"title": "召开廉政谈话会",
			"record_kind": "Integrity Talk",
			"record_date": nowdate(),
			"duty_items": frappe.as_json([duty]),
		},
		[("talk.jpg", PNG), ("minutes.png", PNG), ("sign-in.png", PNG)],
	)
	assert resp.status == 200, resp.text[:300]
	name = resp.json()["message"]["name"]
	frappe.db.rollback()
	# every photo is kept, each a private file of the record
	files = frappe.get_all(
		"TD Evidence File",
		{"parent": name, "parenttype": "TD Duty Record"},
		["file", "description"],
		order_by="idx",
	)
	assert [f.description for f in files] == ["talk.jpg", "minutes.png", "sign-in.png"]
	assert all(f.file.startswith("/private/files/") for f in files)
	assert frappe.db.count("File", {"attached_to_doctype": "TD Duty Record", "attached_to_name": name}) == 3
	denied = http.upload(
		f"{API}.record_duty",
		token,
		{
			"unit": world.b.unit,
			"title": "越权",
			"record_kind": "Other",
			"record_date": nowdate(),
			"duty_items": frappe.as_json([duty]),
		},
		[],
	)
	assert denied.status in (403, 417)


def test_page_manifest_and_login_are_served():
	base = os.environ.get("TWODUTY_URL")
	assert base, "scripts/test.sh serves the test site and sets TWODUTY_URL"
	manifest = json.loads(urllib.request.urlopen(f"{base}/assets/twoduty_app/manifest.json").read())
	assert manifest["start_url"] == "/td" and manifest["icons"]
	icon = urllib.request.urlopen(f"{base}/assets/twoduty_app/icons/icon-192.png").read()
	assert icon.startswith(b"\x89PNG")
	request = urllib.request.Request(f"{base}/td")
	opener = urllib.request.build_opener(NoRedirect)
	with pytest.raises(urllib.error.HTTPError) as caught:
		opener.open(request)
	assert caught.value.code in (301, 302) and "/login" in caught.value.headers["Location"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
	def redirect_request(self, *args, **kwargs):
		return None


def test_a_progress_entry_chosen_as_a_deadlock_victim_is_saved_again_or_refused_in_chinese(
	world, monkeypatch
):
	"""Under load InnoDB may pick a save as a deadlock's victim: the entry is saved on a later attempt, once;
	when every attempt fails the liaison is told to send it again and nothing is saved."""
	from twoduty_app.api import mobile
	from twoduty_app.supervision.doctype.td_rectification_task.td_rectification_task import (
		TDRectificationTask,
	)

	task = world.extra["later"]
	real_save = TDRectificationTask.save
	failures = {"left": 1}

	def save(self, *args, **kwargs):
		if failures["left"]:
			failures["left"] -= 1
			raise frappe.QueryDeadlockError("Deadlock found when trying to get lock")
		return real_save(self, *args, **kwargs)

	monkeypatch.setattr(TDRectificationTask, "save", save)
	monkeypatch.setattr(mobile.time, "sleep", lambda _s: None)
	frappe.set_user(world.a.liaison)
	frappe.local.lang = "zh"
	before = frappe.db.count("TD Task Progress", {"parent": task})
	assert mobile.add_progress(task, "死锁后重试的进展") == {"entries": 1, "files": []}
	assert frappe.db.count("TD Task Progress", {"parent": task, "note": "死锁后重试的进展"}) == 1
	failures["left"] = mobile.DEADLOCK_ATTEMPTS
	with pytest.raises(frappe.ValidationError, match="系统繁忙"):
		mobile.add_progress(task, "一直失败的进展")
	assert frappe.db.count("TD Task Progress", {"parent": task}) == before  # the first was rolled back too
	assert not frappe.db.exists("TD Task Progress", {"parent": task, "note": "一直失败的进展"})
	frappe.db.rollback()
