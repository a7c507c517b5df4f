"""Accountability (责任追究) with 一案双查, as the real roles: a case is decided on both lines only, keeps its
rows once decided through every door, names the people who held the posts on the date of the facts, stays
invisible to every unit member (a county role held beside a membership included) through list, form,
REST, report, link search, print, attachments and mail; each person concerned is told of his or her own row
only; the escalation ladder's last step proposes one draft case per task and round, even when the daily job
runs twice at once; the supervision notice and the decision print in Chinese with their 文号.

The world is committed (REST requests and the concurrent jobs run on their own connections)."""

import json
import re

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests import browser, http, workers
from tests.factories import (
	PASSWORD,
	CountyWorld,
	attach_file,
	make_case,
	make_county_viewer,
	make_county_world,
	make_task,
	make_user,
)
from tests.mail import mails_to
from tests.test_print import keep_pages, normal, pdf_text
from twoduty_app.common.settings import get_settings
from twoduty_app.exceptions import CaseLinesError, CaseLockedError, RecordKeptError
from twoduty_app.supervision import escalation

CASE = "TD Accountability Case"
TASK = "TD Rectification Task"
YEAR = getdate(today()).year
SETTINGS = {
	# the ladder in calendar days, whatever today's date (test_calendar.py proves the working days)
	"due_soon_in_working_days": 0,
	"overdue_in_working_days": 0,
	"due_soon_days": 7,
	"interview_after_overdue_days": 30,
	"interview_after_failed_rechecks": 2,
	"case_after_overdue_days": 60,
	"case_after_failed_rechecks": 3,
	"case_after_interview_unheld_days": 30,
}
FAILURES = {
	"Principal Duty": "对惠民资金管理问题失察失管，未亲自部署、亲自过问",
	"Supervisory Duty": "对惠民资金发放的日常监督流于形式",
}
HANDLING = {"Principal Duty": "Admonishment", "Supervisory Duty": "Circulated Criticism"}


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	w.extra["scoped_viewer"] = make_county_viewer(w)  # a county leader who sits in the county unit
	frappe.set_user("Administrator")
	saved = {f: get_settings()[f] for f in SETTINGS}  # what the site reads now, defaults included
	settings = frappe.get_single("TD Settings")
	settings.update(SETTINGS)
	settings.save()
	frappe.db.commit()
	people = (
		w.inspector,
		w.admin,
		w.viewer,
		w.extra["scoped_viewer"],
		w.a.head,
		w.a.liaison,
		w.a.secretary,
	)
	w.extra["tokens"] = {u: http.api_token(u) for u in people}
	yield w
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for fieldname, value in saved.items():  # as they were, whatever else a failed test left behind
		frappe.db.set_single_value("TD Settings", fieldname, value)
	frappe.db.commit()
	frappe.clear_document_cache("TD Settings", "TD Settings")


@pytest.fixture(autouse=True)
def _nothing_left_uncommitted():
	"""A test that stops half-way leaves no lock behind for the next one's requests."""
	yield
	frappe.db.rollback()


def token(w: CountyWorld, user: str) -> str:
	return w.extra["tokens"][user]


def new_case(w: CountyWorld, unit: str | None = None, **fields):
	"""A draft case recorded by the county's inspector (the session user becomes the inspector)."""
	return make_case(w, unit, **fields)


def investigated(w: CountyWorld, unit: str | None = None, **fields):
	"""A case under investigation, its rows proposed by the case itself."""
	case = new_case(w, unit, **fields)
	case.start_investigation()
	return frappe.get_doc(CASE, case.name)


def complete(case, failures: dict | None = None) -> None:
	"""Every row gets its failure, its decided handling, the decision's number and date."""
	for row in case.lines:
		row.failure = (failures or FAILURES)[row.line]
		row.proposed_handling = row.decided_handling = HANDLING[row.line]
		row.decision_number = f"测纪诫〔{YEAR}〕{row.idx}号"
		row.decision_date = today()


def decided_case(
	w: CountyWorld, unit: str | None = None, failures: dict | None = None, raw: bool = False
) -> str:
	"""A case decided on both lines by the inspector; with `raw`, each failure is stored as given (Frappe
	filters markup out of a form's save, not out of a direct write)."""
	case = investigated(w, unit)
	complete(case, failures)
	case.save()
	if raw:
		for row in case.lines:
			frappe.db.set_value(row.doctype, row.name, "failure", (failures or FAILURES)[row.line])
	case.decide()
	frappe.set_user("Administrator")
	frappe.db.commit()
	return case.name


def lines_of(name: str) -> list[tuple]:
	return [
		(r.line, r.person, r.position, r.decided_handling, r.decision_number)
		for r in frappe.get_doc(CASE, name).lines
	]


def series(kind: str) -> int:
	Series = frappe.qb.DocType("Series")
	rows = frappe.qb.from_(Series).select(Series.current).where(Series.name == f"TD-{kind}-{YEAR}-").run()
	return rows[0][0] if rows else 0


# -- a case and its two lines --------------------------------------------------------------------------


def test_a_case_on_both_lines_is_decided_with_its_document_number(world):
	w = world
	case = investigated(w)
	assert case.status == "Under Investigation"
	# the township's Party head answers on the principal line, its discipline secretary on the supervisory
	assert sorted((r.line, r.person, r.position) for r in case.lines) == [
		("Principal Duty", w.a.head, "Unit Head"),
		("Supervisory Duty", w.a.secretary, "Discipline Secretary"),
	]
	# a leader named by hand gets the post he held on the date of the facts
	case.append("lines", {"line": "Principal Duty", "person": w.a.team_member})
	case.save()
	assert case.lines[-1].position == "Team Member"
	complete(case)
	case.save()
	number = case.decide()
	stored = frappe.get_doc(CASE, case.name)
	assert (stored.status, stored.document_number, stored.decided_by, str(stored.decided_on)) == (
		"Decided",
		number,
		w.inspector,
		today(),
	)
	assert re.fullmatch(rf"\S*纪问〔{YEAR}〕[1-9]\d*号", number), number
	stored.close_case()
	assert frappe.db.get_value(CASE, case.name, ["status", "closed_on"]) == ("Case Closed", getdate(today()))
	frappe.set_user("Administrator")
	frappe.db.commit()


def test_the_lines_name_who_held_the_posts_on_the_date_of_the_facts(world):
	"""The head who left after the facts answers for them, not his successor; the secretary who had already
	left does not, the one in post does; the administrative head (党政同责) answers on the principal line."""
	w = world
	frappe.set_user("Administrator")
	facts = getdate(add_days(today(), -100))
	old_head, new_head, mayor, old_sec, sec = (
		make_user(code, first_name=name)
		for code, name in (
			("old-head", "原书记"),
			("new-head", "现书记"),
			("mayor", "乡长"),
			("old-sec", "原纪委书记"),
			("sec", "现纪委书记"),
		)
	)
	unit = frappe.get_doc(
		{
			"doctype": "TD Unit",
			"unit_name": f"丙乡-{frappe.generate_hash(length=4)}",
			"unit_type": "Township",
			"parent_td_unit": w.county,
			"members": [
				{"user": old_head, "position": "Unit Head", "to_date": add_days(facts, 10)},
				{"user": new_head, "position": "Unit Head", "from_date": add_days(facts, 11)},
				{"user": mayor, "position": "Administrative Head"},
				{"user": old_sec, "position": "Discipline Secretary", "to_date": add_days(facts, -5)},
				{"user": sec, "position": "Discipline Secretary", "from_date": add_days(facts, -4)},
			],
		}
	).insert()
	case = investigated(w, unit.name, facts_date=facts)
	assert sorted((r.line, r.person, r.position) for r in case.lines) == sorted(
		[
			("Principal Duty", old_head, "Unit Head"),
			("Principal Duty", mayor, "Administrative Head"),
			("Supervisory Duty", sec, "Discipline Secretary"),
		]
	)
	# proposing again adds nobody twice
	assert case.fill_lines() == 0
	frappe.db.rollback()


def test_deciding_is_refused_while_a_line_is_missing_and_nothing_is_saved(world):
	w = world
	case = investigated(w)
	case.set("lines", [r for r in case.lines if r.line == "Principal Duty"])
	complete(case)
	case.save()
	frappe.set_user("Administrator")
	frappe.db.commit()
	numbers = series("问")
	resp = http.post(
		"/api/method/frappe.handler.run_doc_method",
		token(w, w.inspector),
		{"dt": CASE, "dn": case.name, "method": "decide"},
	)
	assert resp.status == 417 and resp.json()["exc_type"] == "CaseLinesError", resp.text[:300]
	assert any("一案双查" in m and "监督责任" in m for m in resp.messages), resp.messages
	frappe.db.rollback()
	stored = frappe.get_doc(CASE, case.name)
	assert (stored.status, stored.document_number, stored.decided_on) == ("Under Investigation", None, None)
	assert series("问") == numbers
	assert frappe.get_all("Notification Log", {"document_type": CASE, "document_name": case.name}) == []
	# in process too, and a supervisory row without its decision's number is not enough either
	frappe.set_user(w.inspector)
	with pytest.raises(CaseLinesError):
		stored.decide()
	stored.append(
		"lines", {"line": "Supervisory Duty", "person": w.a.secretary, "decided_handling": "Admonishment"}
	)
	stored.save()
	with pytest.raises(CaseLinesError, match="第2行"):
		frappe.local.lang = "zh"
		stored.decide()
	frappe.local.lang = "en"
	assert frappe.db.get_value(CASE, case.name, "status") == "Under Investigation"
	frappe.db.rollback()


def test_no_accountability_needs_its_written_reason(world):
	w = world
	case = investigated(w)
	complete(case)
	case.lines[0].decided_handling = "No Accountability"
	with pytest.raises(CaseLinesError):
		case.save()
	case = frappe.get_doc(CASE, case.name)
	complete(case)
	case.lines[0].decided_handling = "No Accountability"
	case.lines[0].reason = "经查已尽到主体责任，问题系他人隐瞒所致"
	case.save()
	case.decide()
	assert frappe.db.get_value(CASE, case.name, "status") == "Decided"
	frappe.db.rollback()


def test_the_status_moves_only_by_the_actions_and_only_for_county_staff(world):
	w = world
	resp = http.post(
		f"/api/resource/{CASE}",
		token(w, w.inspector),
		{
			"unit": w.a.unit,
			"trigger": "Other",
			"facts_date": today(),
			"facts": "直接录入已决定的案件",
			"status": "Decided",
			"document_number": "测纪问〔2026〕999号",
		},
	)
	assert resp.status == 417 and resp.json()["exc_type"] == "CaseLockedError", resp.text[:300]
	case = new_case(w)
	frappe.set_user("Administrator")
	frappe.db.commit()
	# the county viewer reads the case but takes no action on it
	resp = http.post(
		"/api/method/frappe.handler.run_doc_method",
		token(w, w.viewer),
		{"dt": CASE, "dn": case.name, "method": "start_investigation"},
	)
	assert resp.status == 403, resp.text[:300]
	resp = http.put(f"/api/resource/{CASE}/{case.name}", token(w, w.inspector), {"status": "Decided"})
	assert resp.status == 417 and resp.json()["exc_type"] == "CaseLockedError", resp.text[:300]
	frappe.db.rollback()
	assert frappe.db.get_value(CASE, case.name, "status") == "Draft"


def test_a_decided_case_keeps_its_rows_through_every_door(world):
	w = world
	name = decided_case(w)
	before = lines_of(name)
	admin = token(w, w.admin)
	# the form, in process
	frappe.set_user(w.admin)
	doc = frappe.get_doc(CASE, name)
	doc.lines[0].decided_handling = "Criticism and Education"
	with pytest.raises(CaseLockedError):
		doc.save()
	frappe.db.rollback()
	# the desk's own save
	doc = json.loads(frappe.as_json(frappe.get_doc(CASE, name).as_dict()))
	doc["lines"][0]["decision_number"] = "改过的文号"
	resp = http.post(
		"/api/method/frappe.desk.form.save.savedocs", admin, {"doc": json.dumps(doc), "action": "Save"}
	)
	assert resp.status == 417 and resp.json()["exc_type"] == "CaseLockedError", resp.text[:300]
	# REST: the rows replaced, one row removed, the facts
	rows = [dict(r, decided_handling="Criticism and Education") for r in doc["lines"]]
	for body in ({"lines": rows}, {"lines": doc["lines"][:1]}, {"facts": "改写事实"}):
		resp = http.put(f"/api/resource/{CASE}/{name}", admin, body)
		assert resp.status == 417 and resp.json()["exc_type"] == "CaseLockedError", (body, resp.text[:300])
	# one child row by itself
	resp = http.post(
		"/api/method/frappe.client.set_value",
		admin,
		{
			"doctype": "TD Accountability Line",
			"name": doc["lines"][1]["name"],
			"fieldname": "decided_handling",
			"value": "No Accountability",
		},
	)
	assert resp.status == 417 and resp.json()["exc_type"] == "CaseLockedError", resp.text[:300]
	# deleting it: kept on record, for the administrator too
	resp = http.delete(f"/api/resource/{CASE}/{name}", admin)
	assert resp.status == 417 and resp.json()["exc_type"] == "RecordKeptError", resp.text[:300]
	frappe.db.rollback()
	assert lines_of(name) == before
	frappe.set_user("Administrator")
	with pytest.raises(RecordKeptError):
		frappe.delete_doc(CASE, name, force=True)
	frappe.db.rollback()


def test_a_draft_may_still_be_deleted_by_the_county(world):
	w = world
	name = new_case(w).name
	frappe.set_user("Administrator")
	frappe.db.commit()
	resp = http.delete(f"/api/resource/{CASE}/{name}", token(w, w.admin))
	assert resp.status == 202, resp.text[:300]
	frappe.db.rollback()
	assert not frappe.db.exists(CASE, name)


# -- who sees it ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shown(world) -> dict:
	"""A decided case on township A with a private file attached by the inspector."""
	w = world
	name = decided_case(w)
	frappe.set_user(w.inspector)
	url = attach_file(CASE, name, "问责调查报告.png")
	frappe.set_user("Administrator")
	frappe.db.commit()
	return {"name": name, "file": url}


def doors(w: CountyWorld, user: str, name: str, file_url: str) -> dict[str, bool]:
	"""For each door, whether `user` reached the case through it."""
	t = token(w, user)
	seen = {}
	frappe.set_user(user)
	try:
		seen["get_list"] = name in frappe.get_list(CASE, pluck="name", limit_page_length=0)
	except frappe.PermissionError:
		seen["get_list"] = False
	frappe.set_user("Administrator")
	resp = http.get(f"/api/resource/{CASE}", t, limit_page_length=0)
	seen["REST list"] = resp.status == 200 and name in {r["name"] for r in resp.json()["data"]}
	seen["REST document"] = http.get(f"/api/resource/{CASE}/{name}", t).status == 200
	seen["form"] = (
		http.get("/api/method/frappe.desk.form.load.getdoc", t, doctype=CASE, name=name).status == 200
	)
	resp = http.get(
		"/api/method/frappe.desk.reportview.get",
		t,
		doctype=CASE,
		fields=[f"`tab{CASE}`.`name`"],
		page_length=500,
	)
	message = resp.json().get("message") if resp.status == 200 else None
	seen["report view"] = isinstance(message, dict) and name in {v[0] for v in message.get("values", [])}
	resp = http.get("/api/method/frappe.client.get_count", t, doctype=CASE)
	seen["count"] = resp.status == 200 and resp.json()["message"] > 0
	resp = http.get(
		"/api/resource/TD Accountability Line", t, parent=CASE, fields=["parent"], limit_page_length=0
	)
	seen["rows"] = resp.status == 200 and name in {r["parent"] for r in resp.json()["data"]}
	resp = http.post(
		"/api/method/frappe.desk.query_report.run",
		t,
		{"report_name": "Accountability Ledger", "filters": {"unit": w.county}},
	)
	seen["report"] = resp.status == 200 and name in {
		r.get("name") for r in resp.json()["message"]["result"] if isinstance(r, dict)
	}
	resp = http.get("/api/method/frappe.desk.search.search_link", t, doctype=CASE, txt=name)
	seen["link search"] = resp.status == 200 and name in {r["value"] for r in resp.json()["message"]}
	seen["print view"] = (
		http.get("/api/method/frappe.www.printview.get_html_and_style", t, doc=CASE, name=name).status == 200
	)
	pdf = http.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		t,
		doctype=CASE,
		name=name,
		format="TD Accountability Decision",
	)
	seen["PDF"] = pdf.status == 200 and pdf.body.startswith(b"%PDF")
	resp = http.get("/api/resource/File", t, filters=[["attached_to_name", "=", name]], fields=["file_url"])
	seen["file list"] = resp.status == 200 and file_url in {r["file_url"] for r in resp.json()["data"]}
	seen["file"] = http.get(file_url, t).status == 200
	return seen


def test_the_county_viewer_reads_the_case_through_every_door(world, shown):
	"""The same doors as below, open to the county's own reader: the refusals below are the rule's."""
	seen = doors(world, world.viewer, shown["name"], shown["file"])
	assert seen == dict.fromkeys(seen, True), seen


@pytest.mark.parametrize("who", ["township head", "township liaison", "county viewer who is a member"])
def test_unit_members_reach_nothing_of_it(world, shown, who):
	w = world
	user = {
		"township head": w.a.head,
		"township liaison": w.a.liaison,
		"county viewer who is a member": w.extra["scoped_viewer"],
	}[who]
	seen = doors(w, user, shown["name"], shown["file"])
	assert seen == dict.fromkeys(seen, False), seen


def test_the_ledger_is_refused_to_a_unit_member_with_a_county_role(world):
	from twoduty_app.accountability.report.accountability_ledger.accountability_ledger import execute

	frappe.set_user(world.extra["scoped_viewer"])
	with pytest.raises(frappe.PermissionError):
		execute({})


def test_a_file_of_a_case_cannot_be_made_public(world, shown):
	w = world
	frappe.set_user(w.inspector)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "公开的问责材料.png",
				"attached_to_doctype": CASE,
				"attached_to_name": shown["name"],
				"is_private": 0,
				"content": b"\x89PNG\r\n\x1a\n",
			}
		).insert()
	frappe.db.rollback()


def test_each_person_concerned_is_told_of_his_own_row_only(world):
	w = world
	failures = {
		"Principal Duty": "<script>alert(1)</script>未亲自过问惠民资金问题",
		"Supervisory Duty": "监督检查流于形式，未发现多发资金",
	}
	name = decided_case(w, failures=failures, raw=True)
	number = frappe.db.get_value(CASE, name, "document_number")
	logs = frappe.get_all(
		"Notification Log",
		{"subject": ("like", f"%{number}%")},
		["for_user", "subject", "email_content", "document_type", "document_name"],
	)
	assert sorted(log.for_user for log in logs) == sorted([w.a.head, w.a.secretary])
	# no way to a form they may not open: neither the notification nor the mail links the case
	assert {(log.document_type, log.document_name) for log in logs} == {(None, None)}
	head = next(log for log in logs if log.for_user == w.a.head)
	assert number in head.subject and "问责决定" in head.subject
	assert "主体责任" in head.email_content and "诫勉" in head.email_content
	# the stored markup is shown as text, never as an element (the desk shows a notification as HTML)
	assert "alert(1)" in head.email_content and "<script" not in head.email_content
	assert "流于形式" not in head.email_content  # the secretary's row is not his
	secretary = next(log for log in logs if log.for_user == w.a.secretary)
	assert "通报批评" in secretary.email_content and "亲自过问" not in secretary.email_content
	mails = [(s, body) for s, body in mails_to(w.a.head) if number in s]
	assert len(mails) == 1
	assert "alert(1)" in mails[0][1] and "<script" not in mails[0][1] and "流于形式" not in mails[0][1]
	assert "td-accountability-case" not in mails[0][1] and name not in mails[0][1]
	assert [s for s, _b in mails_to(w.a.secretary) if number in s] != []
	for bystander in (w.a.liaison, w.a.team_member, w.b.head):
		assert [s for s, _b in mails_to(bystander) if number in s] == []
		assert not frappe.db.exists(
			"Notification Log", {"for_user": bystander, "subject": ("like", f"%{number}%")}
		)


# -- the report ----------------------------------------------------------------------------------------


def test_the_ledger_flags_a_missing_line_and_counts_in_the_database(world):
	w = world
	frappe.set_user("Administrator")
	head, sec = (
		make_user("ding-head", first_name="丁乡书记"),
		make_user("ding-sec", first_name="丁乡纪委书记"),
	)
	unit = frappe.get_doc(
		{
			"doctype": "TD Unit",
			"unit_name": f"丁乡-{frappe.generate_hash(length=4)}",
			"unit_type": "Township",
			"parent_td_unit": w.county,
			"members": [
				{"user": head, "position": "Unit Head"},
				{"user": sec, "position": "Discipline Secretary"},
			],
		}
	).insert()
	decided = decided_case(w, unit.name)
	half = investigated(w, unit.name, trigger="Case Not Pursued")
	half.set("lines", [r for r in half.lines if r.line == "Principal Duty"])
	half.save()
	from twoduty_app.accountability.report.accountability_ledger.accountability_ledger import execute

	frappe.set_user(w.inspector)
	frappe.local.lang = "zh"
	_columns, rows, _message, chart, summary = execute({"unit": unit.name})
	assert {r.name: r.missing_line for r in rows} == {decided: "", half.name: "监督责任"}
	assert {r.name: r.trigger for r in rows} == {decided: "上级发现", half.name: "压案不查"}
	by_name = {r.name: r for r in rows}
	assert (
		by_name[decided].principal == "丁乡书记（诫勉）"
		and by_name[decided].supervisory == "丁乡纪委书记（通报批评）"
	)
	assert [s["value"] for s in summary] == [2, 1, 2]
	assert dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True)) == {
		"诫勉": 1,
		"通报批评": 1,
	}
	assert [r.name for r in execute({"unit": unit.name, "missing_line": 1})[1]] == [half.name]
	assert [r.name for r in execute({"unit": unit.name, "handling": "Circulated Criticism"})[1]] == [decided]
	assert [r.name for r in execute({"unit": unit.name, "trigger": "Case Not Pursued"})[1]] == [half.name]
	# the people of a case come back from the database as one text: a name holding its separators (typed
	# through an import, say) is shown without them, and breaks neither the row nor its neighbours
	frappe.set_user("Administrator")
	row = frappe.get_doc(CASE, decided).lines[0]
	frappe.db.set_value(row.doctype, row.name, "full_name", "丁乡\x1e书记\x1f甲")
	frappe.set_user(w.inspector)
	by_name = {r.name: r for r in execute({"unit": unit.name})[1]}
	assert by_name[decided].principal == "丁乡书记甲（诫勉）"
	assert by_name[decided].supervisory == "丁乡纪委书记（通报批评）"
	frappe.db.rollback()


# -- the escalation ladder's last step -----------------------------------------------------------------


def overdue_task(w: CountyWorld, unit: str, days_overdue: int) -> str:
	"""Issued by the inspector, its deadline `days_overdue` days ago (negative: still ahead)."""
	frappe.set_user(w.inspector)
	name = make_task(unit, deadline_days=40)
	frappe.set_user("Administrator")
	frappe.db.set_value(TASK, name, "deadline", add_days(today(), -days_overdue))
	return name


def cases_of(task: str) -> list[str]:
	return frappe.get_all(
		"TD Accountability Source",
		{"parenttype": CASE, "source_doctype": TASK, "source_name": task},
		pluck="parent",
	)


def county_staff() -> set[str]:
	from twoduty_app.permissions.roles import users_with_role

	return set(users_with_role("TwoDuty Admin", unscoped_only=True)) | set(
		users_with_role("TwoDuty Inspector", unscoped_only=True)
	)


def test_the_ladder_proposes_one_draft_case_once_per_task_and_round(world):
	w = world
	long_overdue, overdue = overdue_task(w, w.b.unit, 70), overdue_task(w, w.b.unit, 50)
	escalation.run_daily()
	escalation.run_daily()
	assert cases_of(overdue) == []  # an interview is proposed for it, not yet a case
	[name] = cases_of(long_overdue)
	case = frappe.get_doc(CASE, name)
	assert (case.status, case.trigger, case.unit, str(case.facts_date)) == (
		"Draft",
		"Escalation",
		w.b.unit,
		add_days(today(), -69),
	)
	assert [(s.source_doctype, s.source_name) for s in case.sources] == [(TASK, long_overdue)]
	assert frappe.db.get_value(TASK, long_overdue, ["escalation_level", "case_round", "round"]) == (
		"Accountability Proposed",
		1,
		1,
	)
	told = frappe.get_all(
		"Notification Log", {"document_type": CASE, "document_name": name}, pluck="for_user"
	)
	assert sorted(told) == sorted(county_staff()) and {w.inspector, w.admin} <= set(told)
	assert not {w.b.head, w.b.secretary, w.b.liaison} & set(told)
	# a failed recheck starts a new round: the ladder may propose again, once
	frappe.db.set_value(TASK, long_overdue, {"round": 2, "escalation_level": ""})
	escalation.run_daily()
	escalation.run_daily()
	assert len(cases_of(long_overdue)) == 2
	frappe.db.rollback()


def test_an_upgrade_proposes_no_case_for_the_tasks_already_past_a_threshold(world):
	"""The release that brought the ladder's last step marks it as taken for the tasks already past a case
	threshold (patch `case_step_from_upgrade`): the first daily run after it proposes no case for them, a
	task that crosses a threshold later gets its own."""
	from twoduty_app.patches.v0_2 import case_step_from_upgrade

	w = world
	before = overdue_task(w, w.b.unit, 70)
	case_step_from_upgrade.execute()
	after = overdue_task(w, w.b.unit, 70)
	escalation.run_daily()
	assert cases_of(before) == []
	assert frappe.db.get_value(TASK, before, "escalation_level") == "Interview Proposed"
	assert len(cases_of(after)) == 1
	frappe.db.rollback()


def test_failed_rechecks_and_an_interview_left_unheld_propose_a_case(world):
	w = world
	failing = overdue_task(w, w.a.unit, -20)
	frappe.db.set_value(TASK, failing, {"failed_rechecks": 3, "round": 4, "workflow_state": "Rectifying"})
	unheld, held = overdue_task(w, w.a.villages[0], 35), overdue_task(w, w.a.villages[1], 35)
	escalation.run_daily()
	assert len(cases_of(failing)) == 1
	assert frappe.db.get_value(CASE, cases_of(failing)[0], "facts_date") == getdate(today())
	interviews = {t: frappe.db.get_value("TD Interview", {"proposed_for_task": t}) for t in (unheld, held)}
	assert all(interviews.values()) and cases_of(unheld) == cases_of(held) == []
	# a month passes: the proposal still not held is escalated to a case; the one held is not
	for t in (unheld, held):
		frappe.db.set_value(
			"TD Interview", interviews[t], "creation", add_days(today(), -31), update_modified=False
		)
	frappe.db.set_value("TD Interview", interviews[held], "status", "Held", update_modified=False)
	escalation.run_daily()
	assert len(cases_of(unheld)) == 1 and cases_of(held) == []
	frappe.db.rollback()


def test_two_daily_jobs_at_once_propose_each_case_once(world):
	w = world
	tasks = [overdue_task(w, w.b.villages[1], 90) for _ in range(3)]
	frappe.db.commit()
	results = workers.at_once(escalation.run_daily)
	assert [len(cases_of(t)) for t in tasks] == [1, 1, 1]
	assert sum(r["cases"] for r in results) >= 3
	for t in tasks:
		told = frappe.get_all(
			"Notification Log", {"document_type": CASE, "document_name": cases_of(t)[0]}, pluck="for_user"
		)
		assert sorted(told) == sorted(set(told)), told  # nobody told twice


# -- printed documents ---------------------------------------------------------------------------------


def test_the_supervision_notice_prints_in_chinese_with_its_number(world):
	w = world
	task = overdue_task(w, w.a.unit, 5)
	escalation.run_daily()
	number = frappe.db.get_value(TASK, task, "supervision_notice_number")
	assert re.fullmatch(rf"\S*纪督〔{YEAR}〕[1-9]\d*号", number or ""), number
	frappe.set_user(w.inspector)
	frappe.local.lang = "en"  # whoever prints it: the notice is in Chinese
	pdf = frappe.get_print(TASK, task, "TD Supervision Notice", as_pdf=True)
	keep_pages(pdf, "TD Supervision Notice")
	text = pdf_text(pdf)
	assert normal("督办通知书") in text and normal(number) in text, text[:400]
	for block in ("委员会：", "已逾期5天", "现对该问题整改予以督办", "一案双查", "送达回执"):
		assert normal(block) in text, (block, text[:600])
	assert "中共测试县" in text and "纪律检查委员会" in text and "Supervision" not in text
	frappe.db.rollback()


def test_the_decision_prints_in_chinese_with_both_lines(world):
	w = world
	name = decided_case(w)
	number = frappe.db.get_value(CASE, name, "document_number")
	frappe.set_user(w.inspector)
	pdf = frappe.get_print(CASE, name, "TD Accountability Decision", as_pdf=True)
	keep_pages(pdf, "TD Accountability Decision")
	text = pdf_text(pdf)
	assert normal("问责决定书") in text and normal(number) in text, text[:400]
	for block in ("一案双查", "主体责任", "监督责任", "甲乡书记", "甲乡纪委书记", "诫勉", "通报批评", "申诉"):
		assert normal(block) in text, (block, text[:800])
	assert "中共测试县" in text and "监察委员会" in text
	assert re.search(rf"{YEAR}年\d{{1,2}}月\d{{1,2}}日", text)


# -- the desk ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not browser.BASE, reason="needs the test web server (scripts/test.sh)")
def test_the_inspector_moves_a_case_from_its_form_in_chinese(world):
	"""In a real browser: the form offers the action the case is open to, in Chinese; starting the
	investigation proposes both lines; the ledger reads in Chinese; no uncaught JavaScript error."""
	from selenium.webdriver.common.by import By
	from selenium.webdriver.support import expected_conditions as EC

	from tests.test_browser import untranslated

	w = world
	name = new_case(w).name
	frappe.set_user("Administrator")
	frappe.db.commit()
	driver = browser.make_driver()
	try:
		browser.login(driver, w.inspector, PASSWORD)
		driver.get(f"{browser.BASE}/app/td-accountability-case/{name}")
		button = browser.wait(driver).until(
			EC.element_to_be_clickable((By.XPATH, "//button[normalize-space()='启动调查']"))
		)
		assert not driver.find_elements(By.XPATH, "//button[normalize-space()='作出决定']")
		button.click()
		browser.wait(driver).until(lambda d: "调查中" in browser.body_text(d))
		browser.wait(driver).until(
			EC.element_to_be_clickable((By.XPATH, "//button[normalize-space()='作出决定']"))
		)
		browser.settle(1)
		browser.screenshot(driver, "desk-accountability-case")
		text = browser.body_text(driver)
		assert "主体责任" in text and "监督责任" in text and "一案双查" in text, text[:500]
		assert not untranslated(text), untranslated(text)
		driver.get(f"{browser.BASE}/app/query-report/Accountability Ledger")
		browser.wait(driver).until(
			EC.presence_of_element_located((By.CSS_SELECTOR, ".dt-scrollable, .no-result"))
		)
		browser.settle(2)
		browser.screenshot(driver, "desk-accountability-ledger")
		text = browser.body_text(driver)
		assert "问责台账" in text and not untranslated(text), untranslated(text)
		assert not browser.js_errors(driver)
	finally:
		driver.quit()
	frappe.db.rollback()
	assert frappe.db.get_value(CASE, name, "status") == "Under Investigation"
	assert {r.line for r in frappe.get_doc(CASE, name).lines} == {"Principal Duty", "Supervisory Duty"}
