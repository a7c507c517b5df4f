"""Malformed requests through every door of the app, sent over HTTP as a township liaison and a county
inspector: each is refused with a 4xx and a message in the caller's language (zh), none is a server
error, and no refused request creates or changes a row.

The doors are every whitelisted method of the app (module functions through /api/method, controller
methods through /api/method/run_doc_method), every `TD *` DocType through /api/resource (create,
update, list with bad fields and filters) and the workflow (an action that does not exist). The test
collects every whitelisted callable of the app and fails when one is not fuzzed here.

Several of these requests fail inside Frappe before any code of the app would run (a missing argument,
list filters that are not JSON, a dict in a text field, a table that is not a list); the app refuses them
first (twoduty_app/common/inputs.py: check_request), so no answer at all is a server error.
"""

import importlib
import json
import os
import pathlib
import pkgutil
import re
from collections import Counter

import frappe
import pytest
from frappe.query_builder import CustomFunction
from frappe.query_builder.functions import Concat, Count, Max, Sum
from frappe.utils import add_days, nowdate, today

from tests import http
from tests.factories import (
	bring_to_pending_recheck,
	make_case,
	make_county_world,
	make_inspection,
	make_interview,
	make_task,
	recheck,
	uid,
)
from twoduty_app.assessment import assessments, schemes
from twoduty_app.responsibility.assignments import generate_assignments

MB = "x" * (1024 * 1024)  # a 1 MB string
NO_SUCH = "NO-SUCH-RECORD-20260230"
BAD_DATE = "2026-02-30"
HUGE = 10**30
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}

# every value a free-text, date, number, choice or record-name parameter must refuse
WRONG_TYPES = [{"a": 1}, [1, 2]]
TEXT = [*WRONG_TYPES, 7, "", "   ", MB]
NAME = [*WRONG_TYPES, 7, "", NO_SUCH, MB]
NAME_GIVEN = [*WRONG_TYPES, 7, NO_SUCH, MB]  # an optional filter: empty means all
DATE = [*WRONG_TYPES, -5, HUGE, BAD_DATE, "0000-00-00", "not a date", "", MB]
YEAR = [*WRONG_TYPES, "abc", BAD_DATE, -1, 0, HUGE, MB]
CHOICE = [*WRONG_TYPES, 7, "No Such Choice", MB]
VERDICTS = [7, "not json", "{", "[1, 2]", '["x"]', '[{"row": [1], "verdict": "Confirmed"}]', "[]", MB]
DUTY_ITEMS = [7, "not json", "{", '[{"a": 1}]', f'["{NO_SUCH}"]', "[]", MB]
FILTERS = [
	"not json",
	"{",
	7,
	'{"no_such_column": 1}',
	'[["TD Unit", "name", "no-such-operator", "x"]]',
	'[["TD Unit", "name"]]',
	'{"name": {"a": 1}}',
	f'{{"deadline": "{BAD_DATE}"}}',
	'"name"',
	'[["name", "=", {"a": 1}]]',
	'[["name", "in", [["x"]]]]',
	'{"name": ["="]}',
	'["name = name"]',
	'[[7, "=", "x"]]',
	'[{"name": "x"}]',
]
FIELDS = ["not json", "name,title", '"name"', "7", '{"name": 1}', '[["name"]]', "[7]", '["no_such_field"]']
# a whole body that is not a record's values
BODIES = [[1, 2], ["name"]]
# a JSON body that is neither an object nor a list: Frappe refuses it while it reads the request
# (frappe.app.make_form_dict), before it knows the caller or any hook of the app runs, in English
SCALAR_BODY = "text"
# Frappe's own refusal of a mistyped argument of a whitelisted method (frappe/utils/typing_validations.py)
# is English only; the app checks the arguments of its methods first, so none reaches the caller
FRAPPE_TYPE_ERROR = "FrappeTypeError"


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=True)
	year = int(nowdate()[:4])
	frappe.set_user(w.inspector)
	w.extra["task_a"] = make_task(w.a.unit, deadline_days=40, problem="甲乡问题")
	w.extra["task_b"] = make_task(w.b.unit, deadline_days=40, problem="乙乡问题")
	w.extra["draft_a"] = make_task(w.a.unit, issue=False, problem="甲乡草稿")
	w.extra["interview_a"] = make_interview(w).name
	w.extra["interview_b"] = make_interview(
		w, unit=w.b.unit, interviewees=[{"user": w.b.head, "unit": w.b.unit, "position": "Unit Head"}]
	).name
	w.extra["inspection_a"] = make_inspection(
		w, w.a.unit, [{"problem": "举报电话未公开", "deadline": add_days(today(), 30)}]
	).name
	frappe.set_user("Administrator")
	generate_assignments(year, w.county, publish_progress=False)
	w.extra["assignment_a"] = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit, "year": year})
	w.extra["assignment_b"] = frappe.db.get_value("TD Duty Assignment", {"unit": w.b.unit, "year": year})
	duty = frappe.get_all(
		"TD Duty Assignment Item", {"parent": w.extra["assignment_a"]}, pluck="duty_item", limit=1
	)[0]
	w.extra["duty_item"] = duty
	template = frappe.get_all("TD Checklist Template", {"disabled": 0}, pluck="name", limit=1)[0]
	w.extra["template"] = template
	for t, key in ((w.a, "checklist_a"), (w.b, "checklist_b")):
		w.extra[key] = (
			frappe.get_doc(
				{"doctype": "TD Unit Checklist", "unit": t.unit, "year": year, "template": template}
			)
			.insert(ignore_permissions=True)
			.name
		)
	for t, key in ((w.a, "record_a"), (w.b, "record_b")):
		frappe.set_user(t.liaison)
		w.extra[key] = (
			frappe.get_doc(
				{
					"doctype": "TD Duty Record",
					"title": "开展廉政谈话",
					"unit": t.unit,
					"record_kind": "Integrity Talk",
					"record_date": today(),
					"duty_items": [{"duty_item": duty}],
				}
			)
			.insert()
			.name
		)
	frappe.set_user(w.a.liaison)
	task = frappe.get_doc("TD Rectification Task", w.extra["task_a"])
	w.extra["extension_a"] = task.request_extension(add_days(task.deadline, 10), "需要更多时间")
	frappe.set_user(w.a.head)
	w.extra["delegation_a"] = (
		frappe.get_doc(
			{
				"doctype": "TD Delegation",
				"unit": w.a.unit,
				"deputy": w.a.team_member,
				"from_date": today(),
				"to_date": add_days(today(), 3),
			}
		)
		.insert()
		.name
	)
	frappe.set_user(w.inspector)
	w.extra["recheck_task"] = make_task(w.a.unit, deadline_days=40, problem="待复查问题")
	bring_to_pending_recheck(w, w.extra["recheck_task"])
	w.extra["recheck_a"] = recheck(w.extra["recheck_task"], w.inspector, submit=False).name
	w.extra["case_a"] = make_case(w).name
	# the registers kept all year (三重一大, 廉政教育), one of each per township, entered by its liaison
	for t, suffix in ((w.a, "a"), (w.b, "b")):
		frappe.set_user(t.liaison)
		w.extra[f"decision_{suffix}"] = (
			frappe.get_doc(
				{
					"doctype": "TD Major Decision",
					"unit": t.unit,
					"decision_date": today(),
					"decision_kind": "Large Fund Use",
					"subject": "资金安排",
					"amount": 1000,
					"meeting_kind": "Party Committee Meeting",
					"meeting_date": today(),
					"attendees": [{"person": t.head, "position": "Unit Head", "speaking_order": 1}],
				}
			)
			.insert()
			.name
		)
		w.extra[f"activity_{suffix}"] = (
			frappe.get_doc(
				{
					"doctype": "TD Education Activity",
					"unit": t.unit,
					"activity_date": today(),
					"activity_kind": "Knowledge Test",
					"topic": "廉政知识测试",
					"attendees": [{"person": t.head, "score": 90}],
				}
			)
			.insert()
			.name
		)
	# the year's assessment of A under review by a team with the county's inspector, a late change of A's
	frappe.set_user("Administrator")
	if not frappe.db.exists(schemes.SCHEME, {"year": year}):
		schemes.make_scheme(year)
	w.extra["scheme"] = frappe.db.get_value(schemes.SCHEME, {"year": year})
	assessments.generate(year, county=w.county)
	for t, suffix in ((w.a, "a"), (w.b, "b")):
		w.extra[f"assessment_{suffix}"] = frappe.db.get_value("TD Assessment", {"unit": t.unit, "year": year})
	frappe.set_user(w.a.head)
	frappe.get_doc("TD Assessment", w.extra["assessment_a"]).submit_self_assessment()
	frappe.set_user(w.inspector)
	review = frappe.get_doc("TD Assessment", w.extra["assessment_a"])
	review.append("assessors", {"assessor": w.inspector})
	review.save()
	review.start_review()
	frappe.set_user("Administrator")
	late = frappe.get_doc(
		{
			"doctype": "TD Late Change",
			"unit": w.a.unit,
			"year": year,
			"record_doctype": "TD Education Activity",
			"record_name": w.extra["activity_a"],
			"reason": "漏记参会人员",
			"status": "Late Change Requested",
		}
	)
	late.set_new_name()
	late.db_insert()  # as kept: a year is not closed for the whole site to make one
	w.extra["late_change_a"] = late.name
	# a week's coverage reminder of A's Party secretary (supervision/coverage_alerts.py)
	w.extra["reminder_log"] = (
		frappe.get_doc({"doctype": "TD Coverage Reminder Log", "user": w.a.head, "week": "2000-W01"})
		.insert(ignore_permissions=True)
		.name
	)
	frappe.db.commit()
	w.extra["tokens"] = {u: http.api_token(u) for u in (w.a.liaison, w.inspector)}
	return w


# -- what exists ---------------------------------------------------------------------------------------


def app_whitelisted() -> set[str]:
	"""Every whitelisted callable of the app: `module.function`, or `DocType.method` for controllers."""
	package = importlib.import_module("twoduty_app")
	for info in pkgutil.walk_packages(package.__path__, "twoduty_app."):
		if ".patches." in info.name or info.name.endswith(".conftest"):
			continue
		importlib.import_module(info.name)
	found = set()
	for fn in frappe.whitelisted:
		module = getattr(fn, "__module__", "") or ""
		if not module.startswith("twoduty_app."):
			continue
		qualname = fn.__qualname__
		if "." in qualname:
			found.add(f"{module}:{qualname}")
		else:
			found.add(f"{module}.{fn.__name__}")
	return found


def td_doctypes(tables: bool = False) -> list[str]:
	found = frappe.get_all(
		"DocType",
		filters={
			"module": ("in", ["Units", "Responsibility", "Supervision", "Accountability", "Assessment"]),
			"istable": int(tables),
		},
		pluck="name",
		order_by="name asc",
	)
	return found


def snapshot() -> dict:
	"""Row count and the latest modification of every TD table, and the File rows."""
	frappe.db.rollback()
	out = {}
	for dt in [*td_doctypes(), *td_doctypes(tables=True), "File"]:
		if frappe.get_meta(dt).issingle:
			out[dt] = frappe.db.sql(
				"select count(*), sum(crc32(concat(field, ifnull(value, '')))) from tabSingles where doctype=%s",
				dt,
			)[0]
			continue
		table = frappe.qb.DocType(dt)
		count, latest, checksum = (
			frappe.qb.from_(table)
			.select(
				Count("*"),
				Max(table.modified),
				Sum(CustomFunction("crc32", ["value"])(Concat(table.name, table.modified))),
			)
			.run()[0]
		)
		out[dt] = (count, str(latest), str(checksum))
	return out


# -- the requests ----------------------------------------------------------------------------------------


IGNORING = (
	"twoduty_app.api.dashboard.closed_on_time_rate",
	"twoduty_app.api.dashboard.interviews_this_year",
	"twoduty_app.api.dashboard.units_not_interviewed",
	"twoduty_app.api.dashboard.units_still_to_be_interviewed",
	"twoduty_app.api.dashboard.units_without_activity",
	"twoduty_app.api.dashboard.tasks_by_state",
	"twoduty_app.api.dashboard.tasks_by_unit_category",
	"twoduty_app.api.dashboard.monthly_trend",
	"twoduty_app.api.dashboard.education_activities_this_year",
	"twoduty_app.api.dashboard.flagged_decisions_this_year",
	"twoduty_app.api.mobile.my_tasks",
	"twoduty_app.api.mobile.duty_options",
)


class Case:
	def __init__(self, label, user, method, path, body=None, params=None, expect=None):
		self.label, self.user, self.method, self.path = label, user, method, path
		self.body, self.params = body, params
		# None: a 4xx refusal with a Chinese message; an int: exactly that status (inputs that are ignored)
		self.expect = expect


class Foreign(str):
	"""A record outside the township liaison's branch (the county inspector may use it)."""


def method_cases(w) -> tuple[list[Case], set[str]]:
	"""Malformed arguments for each whitelisted method, one argument at a time on top of valid ones."""
	x = w.extra
	liaison, inspector = w.a.liaison, w.inspector
	later = add_days(today(), 60)
	# key: (path or DocType:method, users, valid arguments, {argument: malformed values}, docname choices)
	functions = {
		"twoduty_app.api.checklists.create_rectification_tasks": (
			(liaison, inspector),
			{"checklist": x["checklist_a"], "deadline": later, "rectification_kind": "Deadline"},
			{
				"checklist": [*NAME, Foreign(x["checklist_b"])],
				"deadline": [*DATE, add_days(today(), -1)],
				"rectification_kind": CHOICE,
			},
		),
		# the year-end assessment: the county's administrator's actions (refused to the others)
		"twoduty_app.api.assessment.make_scheme": (
			(liaison, inspector),
			{"year": int(nowdate()[:4]) + 5},
			{"year": YEAR, "copy_from": YEAR},
		),
		"twoduty_app.api.assessment.generate": (
			(liaison, inspector),
			{"year": int(nowdate()[:4])},
			{"year": YEAR, "county": [*NAME_GIVEN, w.a.unit]},
		),
		"twoduty_app.api.coverage.get_interview_coverage": (
			(inspector,),
			{"year": int(nowdate()[:4])},
			{
				"year": YEAR,
				"county": [*NAME_GIVEN, w.a.unit],
				"unit": NAME_GIVEN,
				"department_category": CHOICE,
			},
		),
		"twoduty_app.api.coverage.get_cascade_coverage": (
			(liaison, inspector),
			{"year": int(nowdate()[:4])},
			{
				"year": YEAR,
				"county": [*NAME_GIVEN, w.a.unit],
				"unit": NAME_GIVEN,
				"department_category": CHOICE,
			},
		),
		"twoduty_app.api.duty.generate_year": (
			(liaison, inspector),
			{"year": int(nowdate()[:4]), "county": w.county},
			{"year": YEAR, "county": NAME_GIVEN},
		),
		"twoduty_app.api.duty.create_checklists": (
			(liaison, inspector),
			{"year": int(nowdate()[:4]), "template": x["template"], "county": w.county},
			{"year": YEAR, "template": NAME, "county": NAME_GIVEN},
		),
		"twoduty_app.api.mobile.task_detail": (
			(liaison, inspector),
			{"name": x["task_a"]},
			{"name": [*NAME, Foreign(x["task_b"])]},
		),
		"twoduty_app.api.mobile.apply_action": (
			(liaison,),
			{"name": x["task_a"], "action": "Submit Plan", "measures": "建立台账"},
			{
				"name": [*NAME, Foreign(x["task_b"])],
				"action": [*CHOICE, "No Such Action", "Approve Plan", "Revoke Task"],
				"measures": [*WRONG_TYPES, 7, MB],
			},
		),
		"twoduty_app.api.mobile.add_progress": (
			(liaison,),
			{"name": x["task_a"], "note": "已建立台账"},
			{"name": [*NAME, Foreign(x["task_b"])], "note": TEXT},
		),
		"twoduty_app.api.mobile.record_duty": (
			(liaison,),
			{
				"unit": w.a.unit,
				"title": "廉政谈话",
				"record_kind": "Integrity Talk",
				"record_date": today(),
				"duty_items": json.dumps([x["duty_item"]]),
				"content": "谈话内容",
			},
			{
				"unit": [*NAME, Foreign(w.b.unit)],
				"title": TEXT,
				"record_kind": CHOICE,
				"record_date": [*[d for d in DATE if d != ""], add_days(today(), 5)],
				"duty_items": DUTY_ITEMS,
				"content": [*WRONG_TYPES, 7],
			},
		),
		"twoduty_app.api.imports.download_import_template": (
			(liaison, inspector),
			{"doctype": "TD Unit"},
			{"doctype": [*WRONG_TYPES, 7, "", NO_SUCH, "TD Settings", MB]},
		),
		"frappe.client.get_count": (  # overridden by twoduty_app.api.overrides.get_count
			(liaison, inspector),
			{"doctype": "TD Rectification Task", "filters": "{}"},
			{"doctype": [*WRONG_TYPES, 7, "", "TD No Such DocType", MB], "filters": FILTERS},
		),
	}
	doc_methods = {
		"TD Rectification Task:request_extension": (
			(liaison,),
			x["task_a"],
			{"new_deadline": add_days(today(), 50), "reason": "需要时间"},
			{"new_deadline": [*DATE, add_days(today(), -3)], "reason": TEXT},
		),
		"TD Rectification Task:suspend": (
			(liaison, inspector),
			x["task_a"],
			{"reason": "等待上级答复"},
			{"reason": TEXT},
		),
		"TD Rectification Task:resume": ((liaison, inspector), x["task_a"], {}, {}),
		"TD Rectification Task:revoke": (
			(liaison,),
			x["task_a"],
			{"reason": "问题已不存在"},
			{"reason": TEXT},
		),
		"TD Extension Request:approve": (
			(liaison,),
			x["extension_a"],
			{"comment": "同意"},
			{"comment": [*WRONG_TYPES, 7]},
		),
		"TD Extension Request:refuse": (
			(liaison, inspector),
			x["extension_a"],
			{"comment": "不同意"},
			{"comment": TEXT},
		),
		"TD Interview:confirm_plan": (
			(liaison, inspector),
			x["interview_a"],
			{"interview_date": later, "place": "县纪委三楼"},
			{"interview_date": DATE, "place": [*WRONG_TYPES, 7, MB]},
		),
		"TD Interview:mark_held": ((liaison,), x["interview_a"], {}, {}),
		"TD Interview:create_rectification_tasks": ((liaison, inspector), x["interview_a"], {}, {}),
		"TD Inspection:create_rectification_tasks": ((liaison,), x["inspection_a"], {}, {}),
		"TD Duty Record:review": ((liaison,), x["record_a"], {"comment": "已审核"}, {"comment": TEXT}),
		"TD Duty Record:approve_late_entry": (
			(liaison, inspector),
			x["record_a"],
			{"approve": True},
			{"approve": [*WRONG_TYPES, "maybe", MB]},
		),
		"TD Unit Checklist:review": (
			(liaison, inspector),
			x["checklist_a"],
			{"verdicts": "[]"},
			{"verdicts": VERDICTS},
		),
		# an accountability case: county-only, its actions take no input but the case
		"TD Accountability Case:start_investigation": ((liaison,), x["case_a"], {}, {}),
		"TD Accountability Case:fill_lines": ((liaison,), x["case_a"], {}, {}),
		"TD Accountability Case:decide": ((liaison, inspector), x["case_a"], {}, {}),
		"TD Accountability Case:close_case": ((liaison, inspector), x["case_a"], {}, {}),
		# a register's confirmation: the county's, its only input the record
		"TD Major Decision:confirm": ((liaison,), x["decision_a"], {}, {}),
		# the year-end assessment: the unit's, the county's and the team's steps
		"TD Assessment:submit_self_assessment": ((liaison, inspector), x["assessment_a"], {}, {}),
		"TD Assessment:return_to_unit": ((liaison,), x["assessment_a"], {}, {}),
		"TD Assessment:refresh_automatic": ((liaison, inspector), x["assessment_a"], {}, {}),
		"TD Assessment:start_review": ((liaison, inspector), x["assessment_a"], {}, {}),
		"TD Assessment:finalise": ((liaison, inspector), x["assessment_a"], {}, {}),
		"TD Assessment:save_team_scores": (
			(liaison, inspector),
			x["assessment_a"],
			{"scores": [{"indicator_no": 4, "score": 5, "comment": "查阅资料"}]},
			{
				"scores": [
					*WRONG_TYPES,
					7,
					"not json",
					MB,
					[{"indicator_no": 999, "score": 1}],
					[{"indicator_no": 4, "score": -1}],
					[{"indicator_no": 4, "score": HUGE}],
					[{"indicator_no": 4, "score": "abc"}],
					[{"indicator_no": 4, "score": 1}, {"indicator_no": 4, "score": 2}],
					["row"],
				]
			},
		),
		"TD Assessment Scheme:close_year": ((liaison, inspector), x["scheme"], {}, {}),
		"TD Late Change:approve": ((liaison,), x["late_change_a"], {"note": "同意"}, {"note": TEXT}),
		"TD Late Change:refuse": ((liaison,), x["late_change_a"], {"note": "不同意"}, {"note": TEXT}),
		"TD Education Activity:confirm": ((liaison,), x["activity_a"], {}, {}),
		"TD Duty Assignment:return_to_county": (
			(liaison, inspector),
			x["assignment_a"],
			{"comment": "请调整"},
			{"comment": TEXT},
		),
	}
	# the methods whose only input is the document: the malformed inputs are its name
	foreign = {
		"TD Rectification Task": x["task_b"],
		"TD Extension Request": NO_SUCH,
		"TD Interview": x["interview_b"],
		"TD Inspection": NO_SUCH,
		"TD Duty Record": x["record_b"],
		"TD Unit Checklist": x["checklist_b"],
		"TD Duty Assignment": x["assignment_b"],
		"TD Accountability Case": NO_SUCH,
		"TD Major Decision": x["decision_b"],
		"TD Education Activity": x["activity_b"],
		"TD Assessment": x["assessment_b"],
		"TD Assessment Scheme": NO_SUCH,
		"TD Late Change": NO_SUCH,
	}
	cases: list[Case] = []
	for path, (users, valid, malformed) in functions.items():
		for user in users:
			cases.append(
				Case(
					f"{path} missing",
					user,
					"POST",
					f"/api/method/{path}",
					{"zz_unknown": 1},
					expect=None if _required(path) else 200,
				)
			)
			for arg, values in malformed.items():
				for value in values:
					if isinstance(value, Foreign) and user != liaison:
						continue
					cases.append(
						Case(
							f"{path} {arg}={str(value)[:30]!r}",
							user,
							"POST",
							f"/api/method/{path}",
							{**valid, arg: value, "zz_unknown": MB[:10]},
						)
					)
	for key, (users, docname, valid, malformed) in doc_methods.items():
		doctype, method = key.split(":")
		for user in users:

			def run(dn, args, label):
				cases.append(
					Case(
						f"{key} {label}",
						user,
						"POST",
						"/api/method/run_doc_method",
						{"dt": doctype, "dn": dn, "method": method, "args": json.dumps(args)},
					)
				)

			for dn in (NO_SUCH, Foreign(foreign[doctype]), MB[:200]):
				if not (isinstance(dn, Foreign) and user != liaison):
					run(dn, valid, f"dn={dn[:20]!r}")
			run(docname, {**valid, "zz_unknown": 1}, "unknown argument")
			for arg in _required_arguments(doctype, method):
				run(docname, {k: v for k, v in valid.items() if k != arg}, f"{arg} missing")
			for arg, values in malformed.items():
				for value in values:
					run(docname, {**valid, arg: value}, f"{arg}={str(value)[:30]!r}")
	# the dashboard's cards and charts and the phone page's lists take no input: what is sent is ignored
	for path in IGNORING:
		for user in (liaison, inspector):
			for value in ("not json", MB):
				cases.append(
					Case(
						f"{path} ignored", user, "POST", f"/api/method/{path}", {"filters": value}, expect=200
					)
				)
	fuzzed = set(functions) | set(IGNORING) | {"twoduty_app.api.overrides.get_count"}
	fuzzed.add("twoduty_app.api.overrides.upload_file")  # its malformed files: tests/test_uploads.py
	return cases, fuzzed | set(doc_methods)


def _required(path: str) -> bool:
	"""The function has an argument without a default."""
	import inspect

	if path == "frappe.client.get_count":
		path = "twoduty_app.api.overrides.get_count"
	fn = frappe.get_attr(path)
	return any(p.default is inspect.Parameter.empty for p in inspect.signature(fn).parameters.values())


def _required_arguments(doctype: str, method: str) -> list[str]:
	"""The arguments of a controller method that have no default."""
	import inspect

	from frappe.model.base_document import get_controller

	fn = getattr(get_controller(doctype), method)
	return [
		name
		for name, p in inspect.signature(fn).parameters.items()
		if name != "self" and p.default is inspect.Parameter.empty
	]


def workflow_cases(w) -> list[Case]:
	x = w.extra
	cases = []
	for user in (w.a.liaison, w.inspector):
		doc = frappe.get_doc("TD Rectification Task", x["task_a"]).as_dict()
		for action in ("No Such Action", "", MB, "Close", "Issue Task"):
			cases.append(
				Case(
					f"apply_workflow action={action[:20]!r}",
					user,
					"POST",
					"/api/method/frappe.model.workflow.apply_workflow",
					{"doc": frappe.as_json(doc), "action": action},
				)
			)
		foreign = frappe.get_doc("TD Rectification Task", x["task_b"]).as_dict()
		cases.append(
			Case(
				"apply_workflow foreign task",
				user,
				"POST",
				"/api/method/frappe.model.workflow.apply_workflow",
				{"doc": frappe.as_json(foreign), "action": "Submit Plan"},
			)
		)
	return cases


def malformed_value(df, w):
	"""Values a field of this type must refuse."""
	ft = df.fieldtype
	if ft == "Link":
		values = [NO_SUCH, {"a": 1}, [NO_SUCH]]
		if df.options == "TD Unit":
			values.append(Foreign(w.b.unit))
		return values
	if ft in ("Date", "Datetime"):
		return [BAD_DATE, "not a date", {"a": 1}]
	if ft in ("Int", "Float", "Percent", "Currency"):
		return ["abc", HUGE, {"a": 1}]
	if ft == "Select":
		return ["No Such Choice"]
	if ft in ("Data", "Small Text", "Text", "Attach"):
		return [MB, {"a": 1}]
	if ft in ("Text Editor", "Long Text"):
		return [{"a": 1}]  # a long text column holds 4 GB: minutes with pasted pictures run to megabytes
	if ft in ("Table", "Table MultiSelect"):
		return ["not a list", {"a": 1}, 7, ["row"], [{"no_such_field": {"a": 1}}], [{df.fieldname: MB}]]
	if ft == "Check":
		return [{"a": 1}]
	return []


def resource_cases(w) -> list[Case]:
	x = w.extra
	existing = {
		"TD Rectification Task": x["task_a"],
		"TD Interview": x["interview_a"],
		"TD Inspection": x["inspection_a"],
		"TD Duty Record": x["record_a"],
		"TD Unit Checklist": x["checklist_a"],
		"TD Duty Assignment": x["assignment_a"],
		"TD Extension Request": x["extension_a"],
		"TD Delegation": x["delegation_a"],
		"TD Recheck": x["recheck_a"],
		"TD Unit": w.a.unit,
		"TD Settings": "TD Settings",
		"TD Holiday": frappe.get_all("TD Holiday", pluck="name", limit=1)[0],
		"TD Duty Item": x["duty_item"],
		"TD Checklist Template": x["template"],
		"TD Unit Tally": frappe.get_all("TD Unit Tally", {"unit": w.a.unit}, pluck="name", limit=1)[0],
		"TD Accountability Case": x["case_a"],
		"TD Assessment": x["assessment_a"],
		"TD Assessment Scheme": x["scheme"],
		"TD Late Change": x["late_change_a"],
		"TD Coverage Reminder Log": x["reminder_log"],
		"TD Coverage Mark": frappe.get_all("TD Coverage Mark", pluck="name", limit=1)[0],
		"TD Major Decision": x["decision_a"],
		"TD Education Activity": x["activity_a"],
	}
	cases = []
	users = (w.a.liaison, w.inspector)
	for doctype in td_doctypes():
		assert doctype in existing, f"{doctype}: name an existing record to fuzz"
		meta = frappe.get_meta(doctype)
		base = f"/api/resource/{doctype}"
		for user in users:
			if not meta.issingle:
				cases.append(Case(f"{doctype} POST empty", user, "POST", base, {}))
				cases.append(
					Case(f"{doctype} POST unknown", user, "POST", base, {"zz_no_such_field": MB[:20]})
				)
			for df in meta.fields:
				if df.fieldtype in frappe.model.no_value_fields and df.fieldtype not in (
					"Table",
					"Table MultiSelect",
				):
					continue
				# a read-only field is the app's to compute: Frappe's REST API takes any value for it and the
				# controller overwrites it (fetched names, counts, lights), so there is nothing to refuse
				if df.read_only:
					continue
				for value in malformed_value(df, w):
					if isinstance(value, Foreign) and user != w.a.liaison:
						continue
					label = f"{df.fieldname}={str(value)[:20]!r}"
					body = {df.fieldname: value}
					if not meta.issingle:
						cases.append(Case(f"{doctype} POST {label}", user, "POST", base, body))
					cases.append(
						Case(f"{doctype} PUT {label}", user, "PUT", f"{base}/{existing[doctype]}", body)
					)
			for body in BODIES:
				if not meta.issingle:
					cases.append(Case(f"{doctype} POST body={body!r}", user, "POST", base, body))
				cases.append(
					Case(f"{doctype} PUT body={body!r}", user, "PUT", f"{base}/{existing[doctype]}", body)
				)
			cases.append(
				Case(
					f"{doctype} PUT body={SCALAR_BODY!r}",
					user,
					"PUT",
					f"{base}/{existing[doctype]}",
					SCALAR_BODY,
					expect=417,
				)
			)
			if not meta.issingle:
				for param, values in (("filters", FILTERS), ("or_filters", FILTERS), ("fields", FIELDS)):
					for value in values:
						cases.append(
							Case(
								f"{doctype} GET {param}={value!s:.30}",
								user,
								"GET",
								base,
								params={param: value},
							)
						)
				cases.append(Case(f"{doctype} GET NO_SUCH", user, "GET", f"{base}/{NO_SUCH}"))
	return cases


# -- judging an answer ---------------------------------------------------------------------------------


def messages(resp) -> list[str]:
	try:
		body = resp.json()
	except ValueError:
		return []
	out = []
	for m in frappe.parse_json(body.get("_server_messages") or "[]"):
		m = frappe.parse_json(m)
		out.append(m.get("message") if isinstance(m, dict) else str(m))
	return out


def verdict(case: Case, resp) -> str | None:
	"""None when the answer is right, else what is wrong with it."""
	if case.expect is not None:
		return None if resp.status == case.expect else f"expected {case.expect}"
	if resp.status >= 500:
		return "server error"
	if resp.status < 400:
		return "accepted"
	msgs = messages(resp)
	if not any(CJK.search(m or "") for m in msgs):
		return f"no Chinese message: {msgs!r:.200}"
	return None


def test_the_fuzz_covers_every_whitelisted_method_of_the_app(world):
	_cases, fuzzed = method_cases(world)
	missing = {m for m in app_whitelisted() if not _covered(m, fuzzed)}
	assert missing == set()


def _covered(found: str, fuzzed: set[str]) -> bool:
	if ":" in found:  # module:Class.method
		_module, qualname = found.split(":")
		cls, method = qualname.rsplit(".", 1)
		doctypes = {k.split(":")[0] for k in fuzzed if ":" in k and k.endswith(f":{method}")}
		return any(frappe.get_meta(dt) and _class_of(dt, cls) for dt in doctypes)
	return found in fuzzed


def _class_of(doctype: str, cls: str) -> bool:
	from frappe.model.base_document import get_controller

	return any(c.__name__ == cls for c in get_controller(doctype).__mro__)


def test_malformed_requests_are_refused_in_chinese_and_change_nothing(world):
	cases = method_cases(world)[0] + workflow_cases(world) + resource_cases(world)
	tokens = world.extra["tokens"]
	before = snapshot()
	statuses: Counter = Counter()
	wrong: list[str] = []
	type_errors = 0
	for case in cases:
		resp = http.request(
			case.method, case.path, tokens[case.user], params=case.params, data=case.body, headers=ZH
		)
		statuses[resp.status] += 1
		if resp.body[:1] == b"{" and resp.json().get("exc_type") == FRAPPE_TYPE_ERROR:
			type_errors += 1
		problem = verdict(case, resp)
		if problem:
			role = "liaison" if case.user == world.a.liaison else "inspector"
			exc = resp.json().get("exc_type") if resp.body[:1] == b"{" else None
			wrong.append(f"{resp.status} {exc} {role} {case.method} {case.label}: {problem}")
	after = snapshot()
	changed = {dt: (before[dt], after[dt]) for dt in before if before[dt] != after[dt]}
	n = len(cases)
	print(
		f"fuzz: {n} requests, by status {dict(sorted(statuses.items()))}; "
		f"Frappe's untranslated type errors {type_errors}"
	)
	artifacts = pathlib.Path(os.environ.get("TWODUTY_ARTIFACTS") or "artifacts")
	artifacts.mkdir(parents=True, exist_ok=True)
	(artifacts / "fuzz.json").write_text(
		json.dumps(
			{
				"requests": n,
				"by_status": {str(k): v for k, v in sorted(statuses.items())},
				"frappe_type_errors": type_errors,
				"wrong": wrong,
			},
			ensure_ascii=False,
			indent=1,
		),
		encoding="utf-8",
	)
	assert wrong == [], f"{len(wrong)} of {n}:\n" + "\n".join(wrong[:80])
	assert changed == {}
	assert statuses[500] == 0
	assert type_errors == 0


def test_well_formed_list_requests_pass_the_check(world):
	"""The shapes Frappe's list API reads still reach it: dict and list filters, operators, or_filters,
	a list of fields."""
	token = world.extra["tokens"][world.inspector]
	shapes = [
		{"filters": json.dumps({"unit": world.a.unit})},
		{"filters": json.dumps({"deadline": [">", "2000-01-01"], "name": ["is", "set"]})},
		{"filters": json.dumps([["unit", "=", world.a.unit]])},
		{"filters": json.dumps([["TD Rectification Task", "name", "in", [world.extra["task_a"], NO_SUCH]]])},
		{"or_filters": json.dumps([["unit", "=", world.a.unit], ["unit", "=", world.b.unit]])},
		{"fields": json.dumps(["name", "unit"])},
		{"filters": "", "fields": ""},
	]
	for params in shapes:
		resp = http.request("GET", "/api/resource/TD Rectification Task", token, params=params, headers=ZH)
		assert resp.status == 200, (params, resp.status, messages(resp))
	resp = http.request(
		"GET",
		"/api/resource/TD Rectification Task",
		token,
		params={"filters": json.dumps({"name": world.extra["task_a"]}), "fields": json.dumps(["name"])},
	)
	assert [r["name"] for r in resp.json()["data"]] == [world.extra["task_a"]]
