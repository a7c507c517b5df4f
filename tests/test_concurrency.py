"""Under concurrency, over HTTP as the real roles: two saves from one version, a double tap on a workflow
action, the daily escalation job run twice at once, and two saves of one unit-year's sources at the same
instant. Each case is tried several times; the figures go to the test output and to artifacts/.

Every request runs in its own thread with its own database connection, released at the same instant
(tests/http.py `at_once`), as on a server with several workers; the data they read is committed."""

import json
import os

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests import http, workers
from tests.factories import CountyWorld, make_county_world, make_task, make_user, set_members
from twoduty_app.responsibility.assignments import generate_assignments
from twoduty_app.supervision import escalation
from twoduty_app.units import tally

YEAR = getdate(today()).year
TRIES = 8
FIGURES: dict[str, int] = {}


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	generate_assignments(YEAR, w.county, publish_progress=False)
	w.extra["inspector2"] = make_user("inspector2", ("TwoDuty Inspector",), "县纪委督查员乙")
	w.extra["admin2"] = make_user("admin2", ("TwoDuty Admin",), "县纪委管理员乙")
	frappe.db.commit()
	w.extra["tokens"] = {
		who: http.api_token(user)
		for who, user in {
			"inspector": w.inspector,
			"inspector2": w.extra["inspector2"],
			"admin": w.admin,
			"admin2": w.extra["admin2"],
			"liaison": w.a.liaison,
			"head": w.a.head,
		}.items()
	}
	yield w
	_write_figures()


def _write_figures():
	print("\nconcurrency:", ", ".join(f"{k}: {v}" for k, v in FIGURES.items()))
	folder = os.environ.get("TWODUTY_ARTIFACTS")
	if folder:
		with open(os.path.join(folder, "concurrency.json"), "w") as f:
			json.dump(FIGURES, f, indent=1)


def _count(key: str, n: int = 1) -> None:
	FIGURES[key] = FIGURES.get(key, 0) + n


def _doc(doctype: str, name: str) -> dict:
	frappe.db.rollback()  # a fresh snapshot: the requests committed in other connections
	return frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)


def _draft_task(w: CountyWorld, unit: str | None = None) -> str:
	frappe.set_user(w.inspector)
	name = make_task(unit or w.a.unit, issue=False)
	frappe.set_user("Administrator")
	frappe.db.commit()
	return name


def _save_both(doctype: str, name: str, first: tuple[str, dict], second: tuple[str, dict]):
	"""Two people save the same version of a record at the same instant (the desk's own save call)."""
	base = _doc(doctype, name)
	calls = []
	for token, change in (first, second):
		doc = json.loads(json.dumps(base))
		for key, value in change.items():
			if key == "items":
				for row, row_change in zip(doc["items"], value, strict=False):
					row.update(row_change)
			else:
				doc[key] = value
		calls.append(
			(
				"POST",
				"/api/method/frappe.desk.form.save.savedocs",
				token,
				{"doc": json.dumps(doc), "action": "Save"},
			)
		)
	return http.at_once(calls)


def _assert_one_saved_one_refused(responses) -> int:
	"""Exactly one save went through; the other was told, in Chinese, that the record changed under it.
	Returns the index of the winner."""
	statuses = [r.status for r in responses]
	assert sorted(statuses) == [200, 417], [r.text[:500] for r in responses]
	loser = responses[statuses.index(417)]
	assert any("文档在你打开后已被修改" in m for m in loser.messages), loser.text[:500]
	return statuses.index(200)


def test_two_saves_of_one_task_version_one_wins_the_other_is_told(world):
	w = world
	tokens = w.extra["tokens"]
	for i in range(TRIES):
		task = _draft_task(w)
		texts = (f"甲督查员要求 {i}", f"乙督查员要求 {i}")
		responses = _save_both(
			"TD Rectification Task",
			task,
			(tokens["inspector"], {"requirement": texts[0]}),
			(tokens["inspector2"], {"requirement": texts[1]}),
		)
		winner = _assert_one_saved_one_refused(responses)
		frappe.db.rollback()
		assert frappe.db.get_value("TD Rectification Task", task, "requirement") == texts[winner]
		_count("concurrent pairs of saves")


def test_two_saves_of_one_duty_record_version(world):
	w = world
	frappe.set_user(w.a.liaison)
	item = frappe.get_doc("TD Duty Assignment", {"unit": w.a.unit, "year": YEAR}).items[0].duty_item
	names = []
	for i in range(TRIES):
		names.append(
			frappe.get_doc(
				{
					"doctype": "TD Duty Record",
					"title": f"开展廉政谈话 {i}",
					"unit": w.a.unit,
					"record_kind": "Integrity Talk",
					"record_date": today(),
					"duty_items": [{"duty_item": item}],
				}
			)
			.insert()
			.name
		)
	frappe.set_user("Administrator")
	frappe.db.commit()
	tokens = w.extra["tokens"]
	for i, name in enumerate(names):
		titles = (f"联络员改 {i}", f"书记改 {i}")
		responses = _save_both(
			"TD Duty Record",
			name,
			(tokens["liaison"], {"title": titles[0]}),
			(tokens["head"], {"title": titles[1]}),
		)
		winner = _assert_one_saved_one_refused(responses)
		frappe.db.rollback()
		assert frappe.db.get_value("TD Duty Record", name, "title") == titles[winner]
		_count("concurrent pairs of saves")


def test_two_saves_of_one_assignment_version(world):
	w = world
	name = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit, "year": YEAR})
	tokens = w.extra["tokens"]
	people = (w.a.team_member, w.a.secretary)
	for i in range(TRIES // 2):
		responses = _save_both(
			"TD Duty Assignment",
			name,
			(tokens["admin"], {"items": [{"responsible_user": people[i % 2]}]}),
			(tokens["admin2"], {"items": [{"responsible_user": people[(i + 1) % 2]}]}),
		)
		winner = _assert_one_saved_one_refused(responses)
		frappe.db.rollback()
		first_row = frappe.get_doc("TD Duty Assignment", name).items[0]
		assert first_row.responsible_user == people[(i + winner) % 2]
		_count("concurrent pairs of saves")


def test_a_double_tap_on_a_workflow_action_moves_the_task_once(world):
	w = world
	token = w.extra["tokens"]["inspector"]
	for _ in range(TRIES):
		task = _draft_task(w)
		doc = json.dumps(_doc("TD Rectification Task", task))
		call = (
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			token,
			{"doc": doc, "action": "Issue Task"},
		)
		responses = http.at_once([call, call])
		statuses = sorted(r.status for r in responses)
		assert statuses[0] == 200 and statuses[1] in (409, 417), [r.text[:300] for r in responses]
		frappe.db.rollback()
		assert frappe.db.get_value("TD Rectification Task", task, "workflow_state") == "Issued"
		assert (
			frappe.db.count(
				"Comment",
				{
					"reference_doctype": "TD Rectification Task",
					"reference_name": task,
					"comment_type": "Workflow",
				},
			)
			== 1
		)
		told = frappe.get_all(
			"Notification Log",
			{"document_type": "TD Rectification Task", "document_name": task},
			pluck="for_user",
		)
		assert told and sorted(told) == sorted(set(told)) and set(told) <= _unit_people(w.a.unit), told
		assert (
			frappe.db.count("Version", {"ref_doctype": "TD Rectification Task", "docname": task}) == 1
		)  # one change recorded: the issue
		_count("double taps")


def test_progress_sent_from_two_phones_at_once_is_all_kept(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	frappe.set_user("Administrator")
	frappe.db.commit()
	tokens = w.extra["tokens"]
	for i in range(TRIES // 2):
		calls = [
			(
				"POST",
				"/api/method/twoduty_app.api.mobile.add_progress",
				tokens[who],
				{"name": task, "note": f"{who} {i}"},
			)
			for who in ("liaison", "head")
		]
		responses = http.at_once(calls)
		assert [r.status for r in responses] == [200, 200], [r.text[:300] for r in responses]
		frappe.db.rollback()
		assert frappe.db.count("TD Task Progress", {"parent": task}) == 2 * (i + 1)
		_count("concurrent pairs of progress entries")


def _unit_people(unit: str) -> set[str]:
	return set(frappe.get_all("TD Unit Member", {"parent": unit, "parenttype": "TD Unit"}, pluck="user"))


def test_the_daily_escalation_job_run_twice_at_once_does_each_step_once(world):
	w = world
	frappe.set_user(w.inspector)
	# overdue long enough for every step: reminder, supervision notice and the interview proposal
	tasks = [make_task(w.b.unit, deadline_days=-120, issued_on=add_days(today(), -150)) for _ in range(3)]
	tasks += [make_task(w.b.villages[0], deadline_days=2) for _ in range(2)]  # due soon: a reminder only
	frappe.set_user("Administrator")
	frappe.db.commit()
	results = workers.at_once(escalation.run_daily)
	for task in tasks:
		logs = frappe.get_all(
			"Notification Log",
			{"document_type": "TD Rectification Task", "document_name": task},
			["subject", "for_user"],
		)
		pairs = [(log.subject, log.for_user) for log in logs]
		assert pairs and len(pairs) == len(set(pairs)), pairs  # told, and nobody told the same thing twice
		assert frappe.db.count("TD Interview", {"proposed_for_task": task}) == (1 if task in tasks[:3] else 0)
	long_overdue = frappe.get_all(
		"TD Rectification Task", {"name": ("in", tasks[:3])}, ["notice_round", "interview_round", "round"]
	)
	assert all(t.notice_round == t.round == t.interview_round for t in long_overdue), long_overdue
	# the two runs shared the work: between them each long-overdue task was proposed for an interview once
	assert sum(r["interviews"] for r in results) >= 3
	_count("concurrent escalation runs", 2)


def test_two_saves_of_one_unit_year_at_once_leave_the_tally_equal_to_the_rows(world):
	w = world
	unit = w.a.villages[1]
	tokens = w.extra["tokens"]
	for i in range(TRIES):
		calls = [
			(
				"POST",
				"/api/resource/TD Rectification Task",
				tokens[who],
				{
					"unit": unit,
					"problem": f"并发问题 {i} {who}",
					"requirement": "建立台账",
					"rectification_kind": "Deadline",
					"issued_on": today(),
					"deadline": add_days(today(), 30),
				},
			)
			for who in ("inspector", "inspector2")
		]
		responses = http.at_once(calls)
		assert [r.status for r in responses] == [200, 200], [r.text[:300] for r in responses]
		frappe.db.rollback()
		issued = frappe.db.count(
			"TD Rectification Task",
			{"unit": unit, "issued_on": ("between", [f"{YEAR}-01-01", f"{YEAR}-12-31"])},
		)
		assert issued == 2 * (i + 1)
		assert frappe.db.get_value("TD Unit Tally", f"{unit}-{YEAR}", "tasks_issued") == issued
		_count("concurrent pairs on one unit-year")
	# the lock names are per site and unit, short enough for MariaDB
	assert len(tally._lock_name(unit)) <= 64
