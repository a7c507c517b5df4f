"""Workspace cards, charts and reports: each figure counts only what the viewer may see."""

import io

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate, today

from tests import http
from tests.factories import (
	CountyWorld,
	make_county_viewer,
	make_county_world,
	make_interview,
	make_task,
	make_user,
	set_members,
)
from twoduty_app.api.coverage import get_interview_coverage
from twoduty_app.common.vocabulary import FIRST_LEVEL_TYPES, LIT_STATES
from twoduty_app.responsibility.assignments import generate_assignments

YEAR = getdate(nowdate()).year
REPORTS = [
	"Rectification Ledger",
	"Overdue and Escalations",
	"Horizontal Comparison",
	"Vertical Reach",
	"Duty Progress",
]


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=True)
	frappe.set_user(w.inspector)
	w.extra["a_tasks"] = [
		make_task(w.a.unit, problem="甲乡台账问题"),
		make_task(w.a.villages[0], problem="甲乡村问题"),
	]
	w.extra["b_tasks"] = [make_task(w.b.unit, problem="乙乡台账问题")]
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"TD Rectification Task",
		w.extra["b_tasks"][0],
		{"deadline": add_days(today(), -3), "traffic_light": "Overdue"},
	)
	generate_assignments(YEAR, w.county, publish_progress=False)
	w.extra["county_viewer"] = make_county_viewer(w)
	frappe.db.commit()
	w.extra["tokens"] = {u: http.api_token(u) for u in (w.a.liaison, w.viewer, w.extra["county_viewer"])}
	return w


def card(name: str, token: str):
	doc = frappe.get_doc("Number Card", name)
	if doc.type == "Custom":
		resp = http.get(f"/api/method/{doc.method}", token)
		return resp.json()["message"]["value"]
	resp = http.post(
		"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
		token,
		{"doc": doc.as_dict(), "filters": frappe.parse_json(doc.filters_json)},
	)
	assert resp.status == 200, resp.text[:300]
	return resp.json()["message"]


def test_workspace_and_its_records_are_installed():
	workspace = frappe.get_doc("Workspace", "Two Duties")
	assert workspace.public and len(workspace.number_cards) == 10 and len(workspace.charts) == 3
	for row in workspace.number_cards:
		assert frappe.db.exists("Number Card", row.number_card_name)
	for row in workspace.charts:
		assert frappe.db.get_value("Dashboard Chart", row.chart_name, "chart_type") == "Custom"
	for report in [*REPORTS, "Interview Coverage", "Cascade Coverage"]:
		assert frappe.db.get_value("Report", report, "report_type") == "Script Report"


def test_open_task_card_counts_only_the_township(world):
	w = world
	liaison, viewer = w.extra["tokens"][w.a.liaison], w.extra["tokens"][w.viewer]
	mine = card("TD Open Tasks", liaison)
	frappe.set_user(w.a.liaison)
	assert mine == frappe.db.count(
		"TD Rectification Task",
		{
			"unit": ("in", [w.a.unit, *w.a.villages, w.a.station]),
			"workflow_state": (
				"in",
				["Issued", "Plan Submitted", "Rectifying", "Report Submitted", "Pending Recheck"],
			),
		},
	)
	county = w.extra["tokens"][w.extra["county_viewer"]]
	assert card("TD Open Tasks", county) == mine + 1 == 3  # both townships' tasks
	assert card("TD Overdue Tasks", liaison) == 0  # the overdue task is the other township's
	assert card("TD Overdue Tasks", county) == 1
	# a leader with no membership sees every county on the site: the raw count of every open task
	assert card("TD Open Tasks", viewer) == frappe.db.count(
		"TD Rectification Task", {"workflow_state": ("in", LIT_STATES)}
	)


def test_custom_cards_answer_for_the_viewer(world):
	w = world
	liaison, county = w.extra["tokens"][w.a.liaison], w.extra["tokens"][w.extra["county_viewer"]]
	assert card("TD Units Not Interviewed", county) == 3  # two townships and the department
	assert card("TD Units Not Interviewed", liaison) == 1  # only the own township
	# the township, two villages and one station; tasks were issued to the township and one village
	assert card("TD Units Without Activity", liaison) == 2
	assert card("TD Closed On Time Rate", liaison) == 0  # nothing closed yet


def test_charts_are_computed_per_viewer(world):
	w = world
	liaison, viewer = w.extra["tokens"][w.a.liaison], w.extra["tokens"][w.viewer]

	def issued(token):
		resp = http.get("/api/method/twoduty_app.api.dashboard.tasks_by_state", token)
		assert resp.status == 200
		return sum(sum(d["values"]) for d in resp.json()["message"]["datasets"])

	county = w.extra["tokens"][w.extra["county_viewer"]]
	mine = issued(liaison)
	assert mine == 2
	assert issued(county) == 3
	assert issued(viewer) == frappe.db.count("TD Rectification Task")
	assert issued(liaison) == mine, "a county user's figures must never be served to the township"
	trend = http.get("/api/method/twoduty_app.api.dashboard.monthly_trend", liaison).json()["message"]
	assert len(trend["labels"]) == 12 and trend["datasets"][0]["values"][-1] == 2
	category = http.get("/api/method/twoduty_app.api.dashboard.tasks_by_unit_category", liaison).json()[
		"message"
	]
	assert sum(category["datasets"][0]["values"]) == 2


def run_report(name, token, **filters):
	resp = http.post(
		"/api/method/frappe.desk.query_report.run",
		token,
		{"report_name": name, "filters": {"year": YEAR, **filters}},
	)
	assert resp.status == 200, (name, resp.text[:400])
	return resp.json()["message"]


@pytest.mark.parametrize("report", REPORTS)
def test_reports_run_for_a_township_and_stay_in_its_branch(world, report):
	w = world
	result = run_report(report, w.extra["tokens"][w.a.liaison])
	text = frappe.as_json(result["result"])
	assert "乙乡" not in text, report
	assert result.get("chart"), report


def test_ledger_lists_the_county_for_the_viewer_and_the_branch_for_the_liaison(world):
	w = world
	mine = {r["name"] for r in run_report("Rectification Ledger", w.extra["tokens"][w.a.liaison])["result"]}
	assert mine == set(w.extra["a_tasks"])
	everyone = {
		r["name"]
		for r in run_report("Rectification Ledger", w.extra["tokens"][w.viewer], unit=w.county)["result"]
	}
	assert everyone == set(w.extra["a_tasks"]) | set(w.extra["b_tasks"])


def test_horizontal_comparison_groups_townships_and_departments(world):
	w = world
	rows = run_report("Horizontal Comparison", w.extra["tokens"][w.viewer], unit=w.county)["result"]
	by_group = {r["group"]: r for r in rows}  # in the viewer's language
	assert by_group["乡镇"]["units"] == 2 and by_group["乡镇"]["tasks"] == 3
	assert by_group["县直部门"]["units"] == 1
	assert by_group["政府部门"]["indent"] == 1


def test_vertical_reach_counts_grassroots_activity(world):
	w = world
	rows = run_report("Vertical Reach", w.extra["tokens"][w.viewer], unit=w.county)["result"]
	town_a = next(r for r in rows if r["unit"] == w.a.unit)
	assert (town_a["grassroots_units"], town_a["active_units"]) == (3, 1)  # a task in one of its villages


def test_interview_coverage_report_is_the_countys(world):
	w = world
	resp = http.post(
		"/api/method/frappe.desk.query_report.run",
		w.extra["tokens"][w.a.liaison],
		{"report_name": "Interview Coverage", "filters": {"year": YEAR}},
	)
	assert resp.status == 403
	rows = run_report("Interview Coverage", w.extra["tokens"][w.viewer], county=w.county)["result"]
	assert {r["unit"] for r in rows} == {w.a.unit, w.b.unit, w.department}


@pytest.mark.usefixtures("rollback_each_test")
def test_interview_coverage_of_a_county_member_stays_in_that_county(world):
	w = world
	frappe.set_user("Administrator")
	other = make_county_world()  # a second county on the same site
	member = make_user("county-member", ("TwoDuty Viewer",), "县纪委干部")
	set_members(w.county, [(member, "Team Member")])
	frappe.set_user(member)
	rows = get_interview_coverage(YEAR)
	assert {r["unit"] for r in rows} == {w.a.unit, w.b.unit, w.department}
	assert get_interview_coverage(YEAR, other.county) == []  # another county's is not for them
	frappe.set_user(w.viewer)  # no membership: every county
	units = {r["unit"] for r in get_interview_coverage(YEAR)}
	assert units == set(frappe.get_all("TD Unit", {"unit_type": ("in", FIRST_LEVEL_TYPES)}, pluck="name"))


def test_report_exports_to_excel(world):
	w = world
	resp = http.post(
		"/api/method/frappe.desk.query_report.export_query",
		w.extra["tokens"][w.viewer],
		{
			"report_name": "Rectification Ledger",
			"file_format_type": "Excel",
			"filters": {"year": YEAR, "unit": w.county},
			"visible_idx": [0, 1, 2],
		},
	)
	assert resp.status == 200 and resp.body[:2] == b"PK", resp.text[:300]


def excel_values(body: bytes) -> set:
	from openpyxl import load_workbook

	sheet = load_workbook(io.BytesIO(body)).active
	return {cell for row in sheet.iter_rows(values_only=True) for cell in row if cell}


def test_a_view_shows_its_first_page_and_says_so_while_the_export_has_every_row(world, monkeypatch):
	from twoduty_app.common import report_pages

	w = world
	monkeypatch.setattr(report_pages, "PAGE", 1)
	token = w.extra["tokens"][w.extra["county_viewer"]]
	everything = set(w.extra["a_tasks"]) | set(w.extra["b_tasks"])
	for report, filters in (("Rectification Ledger", {}), ("Overdue and Escalations", {"year": None})):
		view = run_report(report, token, unit=w.county, **filters)
		shown = len(view["result"])
		total = 3 if report == "Rectification Ledger" else 1
		assert shown == 1
		if total > 1:
			assert "1" in view["message"] and str(total) in view["message"] and "导出" in view["message"]
		else:
			assert not view.get("message")
	resp = http.post(
		"/api/method/frappe.desk.query_report.export_query",
		token,
		{
			"report_name": "Rectification Ledger",
			"file_format_type": "Excel",
			"filters": {"year": YEAR, "unit": w.county},
			"visible_idx": [0, 1, 2],
		},
	)
	assert resp.status == 200 and resp.body[:2] == b"PK", resp.text[:300]
	assert everything <= excel_values(resp.body)


@pytest.mark.usefixtures("rollback_each_test")
def test_duty_progress_keeps_namesakes_apart(world):
	from twoduty_app.responsibility.report.duty_progress.duty_progress import execute

	w = world
	frappe.set_user("Administrator")
	frappe.db.set_value("User", w.b.head, {"first_name": "王强", "full_name": "王强"})
	frappe.db.set_value("User", w.a.head, {"first_name": "王强", "full_name": "王强"})
	frappe.set_user(w.extra["county_viewer"])
	_columns, rows, *_ = execute({"year": YEAR, "group_by": "Person"})
	namesakes = [r for r in rows if r["label"] == "王强"]
	assert sorted(r["id"] for r in namesakes) == sorted([w.a.head, w.b.head])
	_columns, rows, *_ = execute({"year": YEAR, "group_by": "Unit"})
	assert {r["id"] for r in rows} == {w.a.unit, w.b.unit, w.department}


@pytest.mark.usefixtures("rollback_each_test")
def test_reports_filter_by_state_year_unit_and_category(world):
	from twoduty_app.supervision.report.interview_coverage.interview_coverage import execute as coverage
	from twoduty_app.supervision.report.overdue_and_escalations.overdue_and_escalations import (
		execute as overdue,
	)
	from twoduty_app.supervision.report.rectification_ledger.rectification_ledger import execute as ledger

	w = world
	frappe.set_user(w.extra["county_viewer"])
	[overdue_task] = w.extra["b_tasks"]
	assert [r.name for r in overdue({"year": YEAR})[1]] == [overdue_task]
	assert overdue({"year": YEAR - 1})[1] == []
	assert overdue({"workflow_state": "Issued"})[1][0].name == overdue_task
	assert overdue({"workflow_state": "Rectifying"})[1] == []
	assert len(ledger({"year": YEAR, "workflow_state": "Issued"})[1]) == 3
	assert ledger({"year": YEAR, "workflow_state": "Closed Out"})[1] == []
	units = lambda **f: {r["unit"] for r in coverage({"year": YEAR, **f})[1]}  # noqa: E731
	assert units() == {w.a.unit, w.b.unit, w.department}
	assert units(department_category="Government Department") == {w.department}
	assert units(unit=w.a.villages[0]) == {w.a.unit}


def test_the_interviews_card_counts_the_viewers_branch(world):
	"""Interviews held this year (the card reads the tally): the township's own, the county's all; a planned
	one is not held. Last in this module: it adds interviews to the world."""
	w = world
	make_interview(w, held=True)  # township A's Party secretary
	b_head = [{"user": w.b.head, "unit": w.b.unit, "position": "Unit Head"}]
	make_interview(w, unit=w.b.unit, interviewees=b_head, held=True)
	make_interview(w)  # planned only
	frappe.db.commit()
	liaison, county = w.extra["tokens"][w.a.liaison], w.extra["tokens"][w.extra["county_viewer"]]
	assert card("TD Interviews This Year", liaison) == 1
	assert card("TD Interviews This Year", county) == 2
