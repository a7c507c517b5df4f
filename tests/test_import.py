"""Spreadsheets in (Frappe's Data Import) with the same rules as a form, run as the real roles.

Each import is a real Data Import document with the app's Chinese template as its file, started the way
the form starts it; Frappe's importer commits row by row, so the world here is committed and every count
is taken within the township (or county) this module made.
"""

import json
from unittest.mock import patch

import frappe
import pytest
from frappe.utils import add_days, today
from frappe.utils.csvutils import to_csv

from tests.factories import make_county_world, make_unit, make_user, uid
from twoduty_app.common.data_import import (
	DATA_IMPORT_ROLES,
	build_template,
	chinese_header,
	template_headers,
)

INSERT, UPDATE = "Insert New Records", "Update Existing Records"


@pytest.fixture(scope="module")
def w():
	world = make_county_world(commit=True)
	world.extra["items"] = frappe.get_all("TD Duty Item", {"disabled": 0}, pluck="name", limit=2)
	return world


def new_import(user: str, doctype: str, rows: list[list], import_type: str = INSERT):
	"""A Data Import of `rows` (header first) created and its file uploaded as `user`, as the form does
	before Start Import (committed)."""
	frappe.set_user(user)
	data_import = frappe.get_doc(
		{"doctype": "Data Import", "reference_doctype": doctype, "import_type": import_type, "mute_emails": 1}
	).insert()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"import-{uid()}.csv",
			"is_private": 1,
			"content": to_csv(rows).encode("utf-8"),
			"attached_to_doctype": "Data Import",
			"attached_to_name": data_import.name,
			"attached_to_field": "import_file",
		}
	).insert()
	data_import.import_file = file.file_url
	data_import.save()
	frappe.db.commit()
	return data_import


def run_import(user: str, doctype: str, rows: list[list], import_type: str = INSERT):
	"""Upload `rows` (header first) as `user` and start the import as the form does; returns the Data
	Import and its log rows."""
	data_import = new_import(user, doctype, rows, import_type)
	try:
		data_import.start_import()
	finally:
		frappe.flags.mute_emails = True  # Frappe's importer resets it when it ends
	data_import.reload()
	return data_import, import_log(data_import.name)


def import_log(name: str) -> list[dict]:
	return frappe.get_all(
		"Data Import Log",
		{"data_import": name},
		["success", "row_indexes", "messages", "docname"],
		order_by="log_index",
	)


def failed_lines(log) -> dict[int, str]:
	"""The first line of each refused document → the messages the user reads in the import log."""
	return {
		json.loads(r.row_indexes)[0]: " ".join(
			m.get("message", "") if isinstance(m, dict) else str(m) for m in json.loads(r.messages or "[]")
		)
		for r in log
		if not r.success
	}


def warning_lines(data_import) -> set[int]:
	return {w["row"] for w in json.loads(data_import.template_warnings or "[]") if w.get("row")}


def count(doctype: str, **filters) -> int:
	frappe.set_user("Administrator")
	return frappe.db.count(doctype, filters)


# who may import what ---------------------------------------------------------------------------


def test_the_importing_roles_may_use_data_import_and_see_only_their_own_imports():
	perms = {
		p.role: p
		for p in frappe.get_all(
			"Custom DocPerm", {"parent": "Data Import", "permlevel": 0}, ["role", "if_owner", "create"]
		)
	}
	for role, only_own in DATA_IMPORT_ROLES.items():
		assert (perms[role].create, perms[role].if_owner) == (1, only_own)
	assert "TwoDuty Viewer" not in perms and "TwoDuty Unit Head" not in perms


def test_each_role_imports_only_what_it_creates(w):
	from frappe.permissions import can_import

	expected = {
		w.admin: {"TD Unit", "TD Duty Record", "TD Rectification Task"},
		w.inspector: {"TD Rectification Task"},
		w.a.liaison: {"TD Duty Record"},
		w.a.head: set(),
	}
	for user, doctypes in expected.items():
		frappe.set_user(user)
		assert {
			d for d in ("TD Unit", "TD Duty Record", "TD Rectification Task") if can_import(d)
		} == doctypes


def test_a_liaison_cannot_start_an_import_of_units_or_tasks(w):
	for doctype in ("TD Unit", "TD Rectification Task"):
		frappe.set_user(w.a.liaison)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "Data Import", "reference_doctype": doctype, "import_type": INSERT}
			).insert()
	frappe.set_user(w.inspector)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Data Import", "reference_doctype": "TD Unit", "import_type": INSERT}
		).insert()
	frappe.db.rollback()


def test_a_liaison_does_not_read_another_liaisons_import(w):
	data_import, _log = run_import(w.b.liaison, "TD Duty Record", duty_sheet(w, w.b.unit, 1, f"乙-{uid()}"))
	frappe.set_user(w.a.liaison)
	assert not frappe.has_permission("Data Import", "read", data_import.name)
	assert data_import.name not in frappe.get_list("Data Import", pluck="name")


# the Chinese templates ----------------------------------------------------------------------------


def test_the_templates_have_chinese_headers():
	from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

	assert template_headers("TD Duty Record") == [
		"履责事项", "责任单位", "纪实类别", "履责日期", "履责人", "责任事项 (履行的责任事项)", "内容",
	]  # fmt: skip
	assert chinese_header("TD Unit", "members.position") == "职务 (成员)"
	for doctype in ("TD Unit", "TD Duty Record", "TD Rectification Task"):
		rows = read_xlsx_file_from_attached_file(fcontent=build_template(doctype))
		assert list(rows[0]) == template_headers(doctype)


def test_a_liaison_cannot_download_the_unit_template(w):
	from twoduty_app.api.imports import download_import_template

	frappe.set_user(w.a.liaison)
	with pytest.raises(frappe.PermissionError):
		download_import_template("TD Unit")
	download_import_template("TD Duty Record")
	assert frappe.response["filename"] == "履责纪实导入模板.xlsx"


# duty records: a township liaison, 500 rows --------------------------------------------------------


def duty_sheet(w, unit: str, n: int, marker: str) -> list[list]:
	rows = [template_headers("TD Duty Record")]
	for i in range(n):
		rows.append(
			[
				f"{marker}-{i}",
				unit,
				"廉政谈话",
				add_days(today(), -(i % 5)),
				"",
				w.extra["items"][0],
				"谈话记录",
			]
		)
	return rows


def test_a_liaisons_500_duty_records_keep_to_the_township(w):
	marker = f"甲乡纪实-{uid()}"
	township = [w.a.unit, *w.a.villages, w.a.station]
	rows = duty_sheet(w, w.a.unit, 500, marker)
	for i, row in enumerate(rows[1:]):
		row[1] = township[i % len(township)]
	# line numbers as the spreadsheet shows them: the header is line 1
	rows[10 - 1][1] = "TDU-NO-SUCH-UNIT"  # a wrong link
	rows[20 - 1][3] = "2026-02-30"  # no such date
	rows[30 - 1][1] = w.b.villages[0]  # a village of the other township
	rows[40 - 1][0] = ""  # what was done: required

	# the file as it came: its wrong link and impossible date stop it before any row is written
	data_import, log = run_import(w.a.liaison, "TD Duty Record", rows)
	assert warning_lines(data_import) == {10, 20}
	assert (data_import.status, log) == ("Pending", [])
	assert count("TD Duty Record", title=("like", f"{marker}-%")) == 0

	# corrected (the two lines taken out): every row is inserted as the liaison, one by one
	rows = [row for line, row in enumerate(rows, start=1) if line not in (10, 20)]
	data_import, log = run_import(w.a.liaison, "TD Duty Record", rows)
	failures = failed_lines(log)
	assert sorted(failures) == [28, 38]  # the other township's village; the missing title
	assert "履责事项" in failures[38]
	assert data_import.status == "Partial Success"
	assert sum(1 for r in log if r.success) == 496
	lft, rgt = lft_rgt(w.a.unit)
	in_township = frappe.get_all("TD Unit", {"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")
	assert count("TD Duty Record", title=("like", f"{marker}-%")) == 496
	assert count("TD Duty Record", title=("like", f"{marker}-%"), unit=("in", in_township)) == 496
	assert count("TD Duty Record", title=("like", f"{marker}-%"), owner=w.a.liaison) == 496
	assert count("TD Duty Record", title=("like", f"{marker}-%"), unit=("in", [w.b.unit, *w.b.villages])) == 0


def lft_rgt(unit: str) -> tuple[int, int]:
	return tuple(frappe.db.get_value("TD Unit", unit, ["lft", "rgt"]))


def test_an_update_import_cannot_change_or_take_in_a_record_of_another_township(w):
	frappe.set_user(w.b.liaison)
	other = frappe.get_doc(
		{
			"doctype": "TD Duty Record",
			"title": "乙乡专题研究",
			"unit": w.b.unit,
			"record_kind": "Study and Plan",
			"record_date": today(),
			"duty_items": [{"duty_item": w.extra["items"][0]}],
		}
	).insert()
	frappe.set_user(w.a.liaison)
	own = frappe.get_doc(
		{
			"doctype": "TD Duty Record",
			"title": "甲乡东村研究",
			"unit": w.a.villages[0],
			"record_kind": "Study and Plan",
			"record_date": today(),
			"duty_items": [{"duty_item": w.extra["items"][0]}],
		}
	).insert()
	frappe.db.commit()
	rows = [
		["ID", chinese_header("TD Duty Record", "title"), chinese_header("TD Duty Record", "unit")],
		[other.name, "改写乙乡纪实", w.b.unit],  # changed in place
		[other.name, "拉入甲乡", w.a.unit],  # moved into the liaison's township
		[own.name, "甲乡东村研究（补充）", w.a.villages[0]],  # the liaison's own: fine
	]
	data_import, log = run_import(w.a.liaison, "TD Duty Record", rows, UPDATE)
	assert data_import.status == "Partial Success"
	assert sorted(failed_lines(log)) == [2, 3]
	frappe.set_user("Administrator")
	assert frappe.db.get_value("TD Duty Record", other.name, ["title", "unit"]) == ("乙乡专题研究", w.b.unit)
	assert frappe.db.get_value("TD Duty Record", own.name, "title") == "甲乡东村研究（补充）"


# rectification tasks: the county's existing ledger, 500 rows ----------------------------------------


def task_row(unit, problem, state="", closed_on="", issued=None, kind="限期整改"):
	issued = issued or add_days(today(), -40)
	return [unit, problem, "建立台账", kind, issued, add_days(issued, 60), "", "", state, closed_on]


def test_the_county_imports_its_ledger_of_500_tasks_in_their_states(w):
	marker = f"台账-{uid()}"
	states = ["草稿", "已下达", "整改中", "已销号"]
	units = [w.a.unit, *w.a.villages, w.b.unit, w.department]
	rows = [template_headers("TD Rectification Task")]
	for i in range(500):
		state = states[i % 4]
		rows.append(
			task_row(
				units[i % len(units)],
				f"{marker}-{i}",
				state,
				add_days(today(), -3) if state == "已销号" else "",
			)
		)
	rows[10 - 1][0] = "TDU-NO-SUCH-UNIT"
	rows[20 - 1][4] = "2026-13-01"

	data_import, log = run_import(w.inspector, "TD Rectification Task", rows)
	assert warning_lines(data_import) == {10, 20}
	assert log == [] and count("TD Rectification Task", problem=("like", f"{marker}-%")) == 0

	rows = [row for line, row in enumerate(rows, start=1) if line not in (10, 20)]
	closed = [line for line, row in enumerate(rows, start=1) if row[8] == "已销号"]
	bad = {30: "", 41: "", closed[10]: ""}
	rows[30 - 1][1] = ""  # the problem: required
	rows[41 - 1][8] = "Signed"  # a state of another workflow
	rows[closed[10] - 1][9] = ""  # closed out without its closing date
	data_import, log = run_import(w.inspector, "TD Rectification Task", rows)
	assert sorted(failed_lines(log)) == sorted(bad)
	assert sum(1 for r in log if r.success) == 495
	imported = frappe.get_all(
		"TD Rectification Task",
		{"problem": ("like", f"{marker}-%")},
		["workflow_state", "count(name) as n"],
		group_by="workflow_state",
	)
	by_state = {r.workflow_state: r.n for r in imported}
	# 125 rows in each state; lines 10 (草稿) and 20 (整改中) taken out; refused: 整改中, 已下达, 已销号
	assert by_state == {"Draft": 124, "Issued": 124, "Rectifying": 123, "Closed Out": 124}
	assert count("TD Rectification Task", problem=("like", f"{marker}-%"), closed_on=("is", "set")) == 124
	# township A's liaison lists exactly the imported tasks of A's township
	in_a = sum(
		1
		for line, row in enumerate(rows[1:], start=2)
		if line not in bad and row[0] in {w.a.unit, *w.a.villages}
	)
	frappe.set_user(w.a.liaison)
	listed = frappe.get_list(
		"TD Rectification Task", {"problem": ("like", f"{marker}-%")}, pluck="name", limit=0
	)
	assert len(listed) == in_a == 298


def test_a_unit_user_who_may_create_tasks_still_imports_drafts_only(w):
	"""The county chooses the state on import; anyone else's import creates drafts. (A unit's heads issue
	tasks to their own branch but import none by default: a county that gives them the right still gets
	drafts, for the branch only.)"""
	frappe.set_user("Administrator")
	perm = frappe.get_doc(
		{
			"doctype": "Custom DocPerm",
			"parent": "TD Rectification Task",
			"parenttype": "DocType",
			"parentfield": "permissions",
			"role": "TwoDuty Unit Head",
			"read": 1,
			"write": 1,
			"create": 1,
			"import": 1,
		}
	)
	from frappe.permissions import setup_custom_perms

	setup_custom_perms("TD Rectification Task")
	perm.db_insert()
	# and lets them open Data Import (their own imports), as it does for liaisons
	frappe.get_doc(
		{
			"doctype": "Custom DocPerm",
			"parent": "Data Import",
			"parenttype": "DocType",
			"parentfield": "permissions",
			"role": "TwoDuty Unit Head",
			"read": 1,
			"write": 1,
			"create": 1,
			"if_owner": 1,
		}
	).db_insert()
	frappe.clear_cache(doctype="TD Rectification Task")
	frappe.clear_cache(doctype="Data Import")
	frappe.db.commit()
	try:
		marker = f"乡党委导入-{uid()}"
		rows = [
			template_headers("TD Rectification Task"),
			task_row(w.a.villages[0], f"{marker}-0", "草稿"),
			task_row(w.a.villages[0], f"{marker}-1", "已下达"),
			task_row(w.b.villages[0], f"{marker}-2", "草稿"),
		]
		data_import, log = run_import(w.a.head, "TD Rectification Task", rows)
		assert data_import.status == "Partial Success"
		assert sorted(failed_lines(log)) == [3, 4]
		assert count("TD Rectification Task", problem=("like", f"{marker}-%")) == 1
	finally:
		frappe.set_user("Administrator")
		frappe.db.delete("Custom DocPerm", {"parent": "TD Rectification Task"})
		frappe.db.delete("Custom DocPerm", {"parent": "Data Import", "role": "TwoDuty Unit Head"})
		frappe.clear_cache(doctype="TD Rectification Task")
		frappe.clear_cache(doctype="Data Import")
		frappe.db.commit()


# units with their members: the county administrator ---------------------------------------------------


def test_the_county_imports_villages_with_their_members(w):
	marker = uid(4)
	people = [make_user(f"imp-{i}", first_name=f"村联络员{i}") for i in range(3)]
	frappe.db.commit()
	rows = [template_headers("TD Unit")]
	for i in range(200):
		rows.append([f"{marker}村{i}", "村", w.a.unit, "", "", people[i % 3], "联络员"])
		rows.append(["", "", "", "", "", people[(i + 1) % 3], "班子成员"])
	rows[6 - 1][2] = w.department  # a village under a county department: refused with its line
	rows[8 - 1][1] = ""  # unit type: required
	data_import, log = run_import(w.admin, "TD Unit", rows)
	assert data_import.status == "Partial Success"
	assert sorted(failed_lines(log)) == [6, 8]
	assert sum(1 for r in log if r.success) == 198
	assert count("TD Unit", unit_name=("like", f"{marker}村%"), parent_td_unit=w.a.unit) == 198
	assert count("TD Unit", unit_name=("like", f"{marker}村%")) == 198
	village = frappe.get_value("TD Unit", {"unit_name": f"{marker}村0"})
	assert {(m.user, m.position) for m in frappe.get_doc("TD Unit", village).members} == {
		(people[0], "Liaison"),
		(people[1], "Team Member"),
	}
	# membership did the rest: the role and the unit's branch
	assert "TwoDuty Liaison" in frappe.get_roles(people[0])


# the background job ------------------------------------------------------------------------------------


def test_the_background_job_runs_as_the_user_who_started_it(w):
	"""Outside tests the form's Start Import queues Frappe's job: the worker sets the queued user before
	it imports (frappe.utils.background_jobs.execute_job), so a liaison's import stays a liaison's."""
	marker = f"后台-{uid()}"
	rows = duty_sheet(w, w.a.unit, 2, marker)
	rows[2][1] = w.b.unit
	data_import = new_import(w.a.liaison, "TD Duty Record", rows)
	# Start Import outside a test: Frappe queues its job (the queue is a mock: no worker runs in the suite)
	frappe.flags.in_test = False
	try:
		with (
			patch("frappe.utils.scheduler.is_scheduler_inactive", return_value=False),
			patch("frappe.core.doctype.data_import.data_import.is_job_enqueued", return_value=False),
			patch("frappe.utils.background_jobs.get_queue") as queue,
		):
			data_import.start_import()
	finally:
		frappe.flags.in_test = True
	job = queue.return_value.enqueue_call.call_args.kwargs["kwargs"]
	assert job["user"] == w.a.liaison
	# what the worker does with it
	frappe.set_user("Administrator")
	frappe.set_user(job["user"])
	try:
		job["method"](**job["kwargs"])
	finally:
		frappe.flags.mute_emails = True
	log = import_log(data_import.name)
	assert sorted(failed_lines(log)) == [3]
	assert count("TD Duty Record", title=("like", f"{marker}-%"), owner=w.a.liaison) == 1
