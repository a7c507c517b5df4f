"""Registers kept all year (三重一大 decisions, integrity education), run as the real roles.

The world is committed: the REST requests run on their own connections, as the desk's and the phone's do.
"""

import frappe
import pytest
from frappe.utils import add_days, add_years, fmt_money, getdate, today

from tests import http
from tests.factories import CountyWorld, attach_file, make_county_world, uid
from twoduty_app.assessment import registers
from twoduty_app.common import vocabulary as v

DECISION = "TD Major Decision"
EDUCATION = "TD Education Activity"
ZH = {"Accept-Language": "zh"}

NO_MEETING = "未经会议集体研究决定（未召开会议）"
HEAD_ABSENT = "主要负责人未参会"
HEAD_NOT_LAST = "主要负责人未末位表态"
SECRETARY_ABSENT = "纪委书记（纪检组长）未参会或未记录"


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=True)
	w.extra["tokens"] = {
		u: http.api_token(u) for u in (w.a.liaison, w.b.liaison, w.inspector, w.a.head, w.viewer)
	}
	return w


def token(w: CountyWorld, user: str) -> str:
	return w.extra["tokens"][user]


def meeting(t, head_order: int | None = 3, head: bool = True, secretary: bool = True) -> list[dict]:
	"""A township's Party committee meeting: a team member speaks first, the secretary second, the Party
	secretary last (unless told otherwise)."""
	rows = [{"person": t.team_member, "position": v.TEAM_MEMBER, "present": 1, "speaking_order": 1}]
	if secretary:
		rows.append(
			{"person": t.secretary, "position": v.DISCIPLINE_SECRETARY, "present": 1, "speaking_order": 2}
		)
	if head:
		rows.append(
			{"person": t.head, "position": v.UNIT_HEAD, "present": 1, "speaking_order": head_order or 0}
		)
	return rows


def decision_fields(t, **fields) -> dict:
	return {
		"doctype": DECISION,
		"unit": t.unit,
		"decision_date": today(),
		"decision_kind": "Large Fund Use",
		"subject": f"村道硬化工程资金安排-{uid(4)}",
		"amount": 200000,
		"meeting_kind": v.PARTY_COMMITTEE_MEETING,
		"meeting_date": today(),
		"attendees": meeting(t),
		"outcome": "同意",
		**fields,
	}


def make_decision(t, user: str | None = None, **fields):
	"""A decision entered by the township's liaison (or `user`), committed."""
	frappe.set_user(user or t.liaison)
	doc = frappe.get_doc(decision_fields(t, **fields)).insert()
	frappe.set_user("Administrator")
	frappe.db.commit()
	return doc


def reasons(doc) -> list[str]:
	return (doc.flag_reasons or "").splitlines()


def make_activity(t, user: str | None = None, **fields):
	frappe.set_user(user or t.liaison)
	doc = frappe.get_doc(
		{
			"doctype": EDUCATION,
			"unit": t.unit,
			"activity_date": today(),
			"activity_kind": "Warning Education",
			"topic": f"典型案例警示教育-{uid(4)}",
			"attendees": [{"person": t.head, "present": 1}, {"person": t.team_member, "present": 0}],
			**fields,
		}
	).insert()
	frappe.set_user("Administrator")
	frappe.db.commit()
	return doc


# the checks of a decision: one test per rule -----------------------------------------------------------


def test_a_decision_taken_collectively_with_the_head_speaking_last_is_not_flagged(world):
	doc = make_decision(world.a)
	assert (doc.flagged, doc.flag_reasons, doc.year) == (0, "", getdate(today()).year)


def test_a_decision_without_a_meeting_is_not_collective(world):
	doc = make_decision(world.a, meeting_kind=v.NO_MEETING, meeting_date=None, attendees=[])
	assert doc.flagged == 1
	assert reasons(doc) == [NO_MEETING]


def test_a_meeting_with_no_more_than_half_present_is_not_collective(world):
	t = world.a
	absent = [{"attendee_name": f"班子成员{n}", "position": v.TEAM_MEMBER, "present": 0} for n in range(3)]
	# three of six present: not more than half
	doc = make_decision(t, attendees=[*meeting(t), *absent])
	assert reasons(doc) == ["到会人数未过半数（应到6人，实到3人），不构成集体研究决定"]
	# three of five: more than half, collective
	doc = make_decision(t, attendees=[*meeting(t), *absent[:2]])
	assert (doc.flagged, doc.flag_reasons) == (0, "")


def test_members_of_the_leadership_left_out_of_the_record_count_as_absent(world):
	"""Township A's leadership is its head, discipline secretary and team member (the liaison is not of it).
	A record naming only the two present cannot pass the quorum by leaving the third out."""
	t = world.a
	head_only = [{"person": t.head, "position": v.UNIT_HEAD, "present": 1, "speaking_order": 1}]
	doc = make_decision(t, attendees=head_only)
	assert "到会人数未过半数（应到3人，实到1人），不构成集体研究决定" in reasons(doc)
	# two of the three recorded and present, the third left out: two of three, more than half
	two = [
		{"person": t.secretary, "position": v.DISCIPLINE_SECRETARY, "present": 1, "speaking_order": 1},
		{"person": t.head, "position": v.UNIT_HEAD, "present": 1, "speaking_order": 2},
	]
	doc = make_decision(t, attendees=two)
	assert (doc.flagged, doc.flag_reasons) == (0, "")
	# a member recorded by name only (no person) is the same member, not one more
	by_name = [*two, {"attendee_name": "甲乡班子成员", "position": v.TEAM_MEMBER, "present": 0}]
	doc = make_decision(t, attendees=by_name)
	assert (doc.flagged, doc.flag_reasons) == (0, "")
	# one who left the leadership before the meeting is not expected at it
	frappe.set_user("Administrator")
	unit = frappe.get_doc("TD Unit", t.unit)
	for row in unit.members:
		if row.user == t.team_member:
			row.to_date = add_days(today(), -10)
	unit.save()
	try:
		doc = make_decision(t, attendees=two[1:])
		# the head alone, with the secretary left out: one of two, not more than half
		assert "到会人数未过半数（应到2人，实到1人），不构成集体研究决定" in reasons(doc)
	finally:
		frappe.set_user("Administrator")
		unit = frappe.get_doc("TD Unit", t.unit)
		for row in unit.members:
			if row.user == t.team_member:
				row.to_date = None
		unit.save()
		frappe.db.commit()


def test_the_head_who_does_not_speak_last_is_flagged(world):
	t = world.a
	# the Party secretary speaks first and the others follow his lead
	rows = meeting(t)
	for row, order in zip(rows, (2, 3, 1), strict=True):
		row["speaking_order"] = order
	doc = make_decision(t, attendees=rows)
	assert reasons(doc) == [HEAD_NOT_LAST]
	# present but silent: no 末位表态 either
	doc = make_decision(t, attendees=meeting(t, head_order=None))
	assert reasons(doc) == [HEAD_NOT_LAST]


def test_the_head_absent_from_the_meeting_is_flagged(world):
	t = world.a
	rows = meeting(t)
	rows[2]["present"], rows[2]["speaking_order"] = 0, 0
	# two of three present: collective, but without the Party secretary
	doc = make_decision(t, attendees=rows)
	assert reasons(doc) == [HEAD_ABSENT]


def test_the_discipline_secretary_absent_or_not_recorded_is_flagged(world):
	t = world.a
	doc = make_decision(t, attendees=meeting(t, secretary=False))
	assert reasons(doc) == [SECRETARY_ABSENT]
	rows = meeting(t)
	rows[1]["present"], rows[1]["speaking_order"] = 0, 0
	doc = make_decision(t, attendees=rows)
	assert reasons(doc) == [SECRETARY_ABSENT]


def test_a_large_amount_decided_without_a_meeting_is_flagged(world):
	t = world.a
	threshold = registers.get_settings().major_decision_amount
	assert threshold == 500000  # the DocType's default on a site nobody configured
	no_meeting = {"meeting_kind": v.NO_MEETING, "meeting_date": None, "attendees": []}
	doc = make_decision(t, amount=600000, **no_meeting)
	assert reasons(doc) == [
		NO_MEETING,
		f"金额{fmt_money(600000, precision=2)}元，超过{fmt_money(500000, precision=2)}元，未经会议集体研究决定",
	]
	# up to the threshold: only the missing meeting
	assert reasons(make_decision(t, amount=500000, **no_meeting)) == [NO_MEETING]
	# a large amount decided at a proper meeting: nothing
	assert make_decision(t, amount=9000000).flagged == 0


def test_the_threshold_is_the_countys_setting(world):
	t = world.a
	frappe.db.set_single_value("TD Settings", "major_decision_amount", 100000)
	try:
		doc = make_decision(t, amount=150000, meeting_kind=v.NO_MEETING, meeting_date=None, attendees=[])
		assert len(reasons(doc)) == 2 and "超过" in reasons(doc)[1]
	finally:
		frappe.db.set_single_value("TD Settings", "major_decision_amount", 500000)
		frappe.db.commit()


def test_a_meeting_needs_its_date(world):
	resp = http.post(
		f"/api/resource/{DECISION}",
		token(world, world.a.liaison),
		decision_fields(world.a, meeting_date=None),
	)
	assert resp.status == 417 and resp.messages == ["请填写作出决策的会议日期。"]


def test_the_inspectors_hear_of_a_newly_flagged_decision_once(world):
	def logs(name):
		return frappe.db.count(
			"Notification Log",
			{"for_user": world.inspector, "document_type": DECISION, "document_name": name},
		)

	fine = make_decision(world.a)
	flagged = make_decision(world.a, attendees=meeting(world.a, secretary=False))
	assert (logs(fine.name), logs(flagged.name)) == (0, 1)
	subject = frappe.db.get_value(
		"Notification Log", {"for_user": world.inspector, "document_name": flagged.name}, "subject"
	)
	assert subject.startswith("三重一大决策存在问题") and flagged.subject in subject
	# saved again, still flagged: no second notice
	frappe.set_user(world.a.liaison)
	doc = frappe.get_doc(DECISION, flagged.name)
	doc.outcome = "同意，按程序办理"
	doc.save()
	frappe.set_user("Administrator")
	assert logs(flagged.name) == 1
	# a decision corrected and flagged again later is news again
	doc.append("attendees", {"person": world.a.secretary, "position": v.DISCIPLINE_SECRETARY, "present": 1})
	frappe.set_user(world.a.liaison)
	doc.save()
	assert doc.flagged == 0
	doc.attendees[-1].present = 0
	doc.save()
	frappe.set_user("Administrator")
	assert doc.flagged == 1 and logs(flagged.name) == 2


def test_flags_are_the_systems_not_the_units(world):
	doc = make_decision(world.a, attendees=meeting(world.a, secretary=False))
	resp = http.put(
		f"/api/resource/{DECISION}/{doc.name}",
		token(world, world.a.liaison),
		{"flagged": 0, "flag_reasons": ""},
	)
	assert resp.status == 417 and "由系统维护" in resp.messages[0]
	frappe.db.rollback()
	assert frappe.db.get_value(DECISION, doc.name, ["flagged", "flag_reasons"]) == (1, SECRETARY_ABSENT)


# the unit's scope: own records in, the other township's out, through every door -------------------------


def test_a_liaison_enters_and_reads_its_own_units_records_over_rest(world):
	t = token(world, world.a.liaison)
	created = http.post(f"/api/resource/{DECISION}", t, decision_fields(world.a))
	assert created.status == 200, created.text[:300]
	name = created.json()["data"]["name"]
	assert http.get(f"/api/resource/{DECISION}/{name}", t).json()["data"]["unit"] == world.a.unit
	activity = http.post(
		f"/api/resource/{EDUCATION}",
		t,
		{"unit": world.a.villages[0], "activity_date": today(), "activity_kind": "Integrity Party Lecture", "topic": "廉政党课"},
	)  # fmt: skip
	assert activity.status == 200, activity.text[:300]
	# not for the other township
	foreign = http.post(f"/api/resource/{DECISION}", t, decision_fields(world.b))
	assert foreign.status == 403
	frappe.db.rollback()
	assert not frappe.db.exists(DECISION, {"unit": world.b.unit, "owner": world.a.liaison})


@pytest.fixture(scope="module")
def b_records(world):
	"""A decision and an activity of township B, each with a private file, entered by B's liaison."""
	decision = make_decision(world.b, subject=f"乙乡项目安排-{uid(4)}")
	activity = make_activity(world.b, topic=f"乙乡警示教育-{uid(4)}")
	frappe.set_user(world.b.liaison)
	files = {
		DECISION: attach_file(DECISION, decision.name, "会议纪要.png"),
		EDUCATION: attach_file(EDUCATION, activity.name, "活动照片.png"),
	}
	frappe.set_user("Administrator")
	frappe.db.commit()
	return {DECISION: decision.name, EDUCATION: activity.name, "files": files}


def doors(w: CountyWorld, user: str, doctype: str, name: str, file_url: str) -> dict[str, bool]:
	"""For each door, whether `user` reached the record through it."""
	t = token(w, user)
	seen = {}
	frappe.set_user(user)
	seen["get_list"] = name in frappe.get_list(doctype, pluck="name", limit_page_length=0)
	frappe.set_user("Administrator")
	resp = http.get(f"/api/resource/{doctype}", t, limit_page_length=0)
	seen["REST list"] = resp.status == 200 and name in {r["name"] for r in resp.json()["data"]}
	seen["REST document"] = http.get(f"/api/resource/{doctype}/{name}", t).status == 200
	seen["form"] = (
		http.get("/api/method/frappe.desk.form.load.getdoc", t, doctype=doctype, name=name).status == 200
	)
	resp = http.get("/api/method/frappe.client.get_count", t, doctype=doctype, filters={"name": name})
	seen["count"] = resp.status == 200 and resp.json()["message"] == 1
	table = "TD Decision Attendee" if doctype == DECISION else "TD Education Attendee"
	resp = http.get(f"/api/resource/{table}", t, parent=doctype, fields=["parent"], limit_page_length=0)
	seen["rows"] = resp.status == 200 and name in {r["parent"] for r in resp.json()["data"]}
	if doctype == DECISION:
		resp = http.post(
			"/api/method/frappe.desk.query_report.run",
			t,
			{"report_name": "Major Decision Check", "filters": {"unit": w.b.unit}},
		)
		seen["report"] = resp.status == 200 and name in {
			r.get("name") for r in resp.json()["message"]["result"] if isinstance(r, dict)
		}
	seen["print view"] = (
		http.get("/api/method/frappe.www.printview.get_html_and_style", t, doc=doctype, name=name).status
		== 200
	)
	resp = http.get("/api/resource/File", t, filters=[["attached_to_name", "=", name]], fields=["file_url"])
	seen["file list"] = resp.status == 200 and file_url in {r["file_url"] for r in resp.json()["data"]}
	seen["file"] = http.get(file_url, t).status == 200
	return seen


@pytest.mark.parametrize("doctype", [DECISION, EDUCATION])
def test_the_own_township_reaches_its_record_through_every_door(world, b_records, doctype):
	"""The same doors as below, open to the record's own township: the refusals below are the scope's."""
	seen = doors(world, world.b.liaison, doctype, b_records[doctype], b_records["files"][doctype])
	assert seen == dict.fromkeys(seen, True), seen


@pytest.mark.parametrize("doctype", [DECISION, EDUCATION])
def test_another_townships_record_is_unreachable_through_every_door(world, b_records, doctype):
	seen = doors(world, world.a.liaison, doctype, b_records[doctype], b_records["files"][doctype])
	assert seen == dict.fromkeys(seen, False), seen


def test_the_county_reads_every_townships_records(world, b_records):
	seen = doors(world, world.viewer, DECISION, b_records[DECISION], b_records["files"][DECISION])
	assert seen == dict.fromkeys(seen, True), seen


def minutes_file(name: str, private: int):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{uid()}-纪要.pdf",
			"attached_to_doctype": DECISION,
			"attached_to_name": name,
			"is_private": private,
			"content": b"%PDF-1.4 minutes",
		}
	)


def test_minutes_are_kept_private(world):
	doc = make_decision(world.a)
	frappe.set_user(world.a.liaison)
	with pytest.raises(frappe.PermissionError):
		minutes_file(doc.name, private=0).insert()
	assert not frappe.db.exists("File", {"attached_to_name": doc.name})
	# the same file, private: kept
	assert minutes_file(doc.name, private=1).insert().file_url.startswith("/private/files/")
	frappe.set_user("Administrator")
	frappe.db.rollback()


# confirmation by the county ------------------------------------------------------------------------------


def run_doc_method(w, user, doctype, name, method):
	return http.post(
		"/api/method/run_doc_method",
		token(w, user),
		{"dt": doctype, "dn": name, "method": method, "args": "{}"},
	)


@pytest.mark.parametrize("doctype", [DECISION, EDUCATION])
def test_only_the_county_confirms_a_record(world, doctype):
	doc = make_decision(world.a) if doctype == DECISION else make_activity(world.a)
	for user in (world.a.liaison, world.a.head):
		assert run_doc_method(world, user, doctype, doc.name, "confirm").status == 403
	# nor by setting the fields
	resp = http.put(
		f"/api/resource/{doctype}/{doc.name}",
		token(world, world.a.liaison),
		{"confirmed": 1, "confirmed_by": world.a.liaison, "confirmed_on": today()},
	)
	assert resp.status == 403 and resp.messages == ["台账记录的确认由县纪委进行，不能手工填写。"]
	frappe.db.rollback()
	assert frappe.db.get_value(doctype, doc.name, "confirmed") == 0

	assert run_doc_method(world, world.inspector, doctype, doc.name, "confirm").status == 200
	frappe.db.rollback()
	assert frappe.db.get_value(doctype, doc.name, ["confirmed", "confirmed_by"]) == (1, world.inspector)
	# confirmed: the unit no longer changes it, nobody deletes it
	title = "subject" if doctype == DECISION else "topic"
	resp = http.put(f"/api/resource/{doctype}/{doc.name}", token(world, world.a.liaison), {title: "改过"})
	assert resp.status == 417 and resp.messages == ["该记录已经县纪委确认，不能再修改。"]
	frappe.db.rollback()
	assert frappe.db.get_value(doctype, doc.name, title) != "改过"
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc(doctype, doc.name)
	frappe.db.rollback()
	assert frappe.db.exists(doctype, doc.name)


def test_a_flagged_decision_is_kept(world):
	doc = make_decision(world.a, attendees=meeting(world.a, head=False))
	assert doc.flagged == 1
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc(DECISION, doc.name)
	frappe.db.rollback()
	assert frappe.db.exists(DECISION, doc.name)


# integrity education: scores ----------------------------------------------------------------------------


def post_activity(w, kind: str, score) -> http.Response:
	return http.post(
		f"/api/resource/{EDUCATION}",
		token(w, w.a.liaison),
		{
			"unit": w.a.unit,
			"activity_date": today(),
			"activity_kind": kind,
			"topic": f"廉政知识测试-{uid(4)}",
			"attendees": [{"person": w.a.team_member, "present": 1, "score": score}],
		},
	)


def activities_of(w) -> int:
	frappe.db.rollback()
	return frappe.db.count(EDUCATION, {"unit": w.a.unit})


@pytest.mark.parametrize(
	"kind,score,message",
	[
		(v.KNOWLEDGE_TEST, 150, "第1行：测试成绩应在0至100分之间。"),
		(v.KNOWLEDGE_TEST, -5, "第1行：测试成绩应在0至100分之间。"),
		("Expert Briefing", 80, "第1行：只有知识测试才填写测试成绩。"),
	],
)
def test_a_wrong_score_is_refused_in_chinese_and_nothing_is_saved(world, kind, score, message):
	before = activities_of(world)
	resp = post_activity(world, kind, score)
	assert resp.status == 417 and resp.messages == [message]
	assert activities_of(world) == before


def test_a_knowledge_test_keeps_its_scores(world):
	before = activities_of(world)
	resp = post_activity(world, v.KNOWLEDGE_TEST, 92.5)
	assert resp.status == 200, resp.text[:300]
	assert activities_of(world) == before + 1
	assert resp.json()["data"]["attendees"][0]["score"] == 92.5


# what the assessment reads --------------------------------------------------------------------------------


def raw_decision_counts(year: int, units: list[str]) -> dict:
	out = {}
	for row in frappe.get_all(DECISION, {"unit": ("in", units)}, ["unit", "decision_date", "flagged"]):
		if getdate(row.decision_date).year == year:
			entry = out.setdefault(row.unit, {"decisions": 0, "flagged": 0})
			entry["decisions"] += 1
			entry["flagged"] += row.flagged
	return out


def test_the_counts_equal_a_count_of_the_raw_rows(world):
	w = world
	year = getdate(today()).year
	make_activity(w.a)
	# a unit of its own: the exact figures the fixture implies
	dept = w.department
	frappe.set_user(w.department_head)
	for fields in ({}, {"meeting_kind": v.NO_MEETING, "meeting_date": None, "attendees": []}):
		frappe.get_doc({**decision_fields(w.a, **fields), "unit": dept, "attendees": fields.get("attendees", [
			{"person": w.department_head, "position": v.UNIT_HEAD, "present": 1, "speaking_order": 2},
			{"attendee_name": "纪检组长", "position": v.DISCIPLINE_SECRETARY, "present": 1, "speaking_order": 1},
		])}).insert()  # fmt: skip
	# last year's decision does not count this year
	last_year = add_years(today(), -1)
	frappe.get_doc({**decision_fields(w.a), "unit": dept, "decision_date": last_year, "meeting_date": last_year,
		"attendees": []}).insert()  # fmt: skip
	for _n in range(3):
		frappe.get_doc(
			{"doctype": EDUCATION, "unit": dept, "activity_date": today(), "activity_kind": "Expert Briefing", "topic": "专家解读"}
		).insert()  # fmt: skip
	frappe.set_user("Administrator")
	assert registers.decision_counts(year, [dept]) == {dept: {"decisions": 2, "flagged": 1}}
	assert registers.decision_counts(year - 1, [dept]) == {dept: {"decisions": 1, "flagged": 1}}
	assert registers.education_counts(year, [dept]) == {dept: {"activities": 3}}
	# and for the townships, whatever the other tests entered
	units = [w.a.unit, w.b.unit, *w.a.villages]
	assert registers.decision_counts(year, units) == raw_decision_counts(year, units)
	raw = {}
	for unit in frappe.get_all(
		EDUCATION, {"unit": ("in", units), "activity_date": (">=", f"{year}-01-01")}, pluck="unit"
	):
		raw[unit] = raw.get(unit, 0) + 1
	assert registers.education_counts(year, units) == {u: {"activities": n} for u, n in raw.items()}
	assert raw  # the other tests did enter activities for township A
	frappe.db.rollback()


def card(name: str, user_token: str) -> int:
	"""A workspace number card's figure as the desk fetches it, for the token's user."""
	method = frappe.db.get_value("Number Card", name, "method")
	resp = http.get(f"/api/method/{method}", user_token)
	assert resp.status == 200, resp.text[:300]
	return resp.json()["message"]["value"]


def branch_of(unit: str) -> list[str]:
	lft, rgt = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
	return frappe.get_all("TD Unit", {"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")


def test_the_workspace_cards_count_the_readers_branch(world, b_records):
	year = getdate(today()).year
	# B's liaison: B's branch only (its activity and decision entered by b_records among them)
	in_b = {"unit": ("in", branch_of(world.b.unit)), "year": year}
	assert frappe.db.count(EDUCATION, in_b) == 1  # the one of b_records
	assert card("TD Education Activities This Year", token(world, world.b.liaison)) == 1
	# B has no flagged decision yet; then one, which the card counts for B and not for A
	assert card("TD Flagged Decisions This Year", token(world, world.b.liaison)) == 0
	make_decision(world.b, attendees=meeting(world.b, secretary=False))
	assert card("TD Flagged Decisions This Year", token(world, world.b.liaison)) == 1
	in_a = {"unit": ("in", branch_of(world.a.unit)), "year": year, "flagged": 1}
	assert card("TD Flagged Decisions This Year", token(world, world.a.liaison)) == frappe.db.count(
		DECISION, in_a
	)
	# the county's inspector, a member of no unit: every activity of the site
	assert card("TD Education Activities This Year", token(world, world.inspector)) == frappe.db.count(
		EDUCATION, {"year": year}
	)


# spreadsheets in: the registers import like the other ledgers ------------------------------------------


def test_a_liaison_imports_a_knowledge_test_with_its_scores_from_the_chinese_template(world):
	from tests.test_import import failed_lines, run_import
	from twoduty_app.common.data_import import template_headers

	w, marker = world, f"廉政知识测试-{uid()}"
	headers = template_headers(EDUCATION)
	assert headers == [
		"责任单位", "活动日期", "活动形式", "主题", "姓名 (参加人员)", "参加 (参加人员)", "测试成绩 (参加人员)",
	]  # fmt: skip
	rows = [
		headers,
		[w.a.unit, today(), "知识测试", f"{marker}-1", "张三", 1, 95],
		["", "", "", "", "李四", 1, 88],
		[w.b.unit, today(), "知识测试", f"{marker}-2", "王五", 1, 90],  # the other township
		[w.a.unit, today(), "知识测试", f"{marker}-3", "赵六", 1, 150],  # no such score
	]
	data_import, log = run_import(w.a.liaison, EDUCATION, rows)
	assert data_import.status == "Partial Success"
	assert sorted(failed_lines(log)) == [4, 5]
	assert "测试成绩应在0至100分之间" in failed_lines(log)[5]
	frappe.set_user("Administrator")
	imported = frappe.get_all(
		EDUCATION, {"topic": ("like", f"{marker}-%")}, ["name", "unit", "activity_kind", "owner"]
	)
	assert [(r.unit, r.activity_kind, r.owner) for r in imported] == [
		(w.a.unit, v.KNOWLEDGE_TEST, w.a.liaison)
	]
	scores = frappe.get_all(
		"TD Education Attendee", {"parent": imported[0].name}, ["attendee_name", "score"], order_by="idx"
	)
	assert [(r.attendee_name, r.score) for r in scores] == [("张三", 95), ("李四", 88)]
