"""Workspace cards, charts and reports: each figure counts only what the viewer may see."""

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate, today

from tests import http
from tests.factories import CountyWorld, make_county_world, make_task, make_user, set_members
from twoduty_app.api.coverage import get_interview_coverage
from twoduty_app.services.duty import generate_assignments

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
	frappe.db.commit()
	w.extra["tokens"] = {u: http.api_token(u) for u in (w.a.liaison, w.viewer)}
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
	assert workspace.public and len(workspace.number_cards) == 7 and len(workspace.charts) == 3
	for row in workspace.number_cards:
		assert frappe.db.exists("Number Card", row.number_card_name)
	for row in workspace.charts:
		assert frappe.db.get_value("Dashboard Chart", row.chart_name, "chart_type") == "Custom"
	for report in [*REPORTS, "Interview Coverage"]:
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
				["Issued", "Plan Submitted", "In Progress", "Report Submitted", "Pending Recheck"],
			),
		},
	)
	assert card("TD Open Tasks", viewer) >= mine + 1
	assert card("TD Overdue Tasks", liaison) == 0  # the overdue task is the other township's
	assert card("TD Overdue Tasks", viewer) >= 1


def test_custom_cards_answer_for_the_viewer(world):
	w = world
	liaison, viewer = w.extra["tokens"][w.a.liaison], w.extra["tokens"][w.viewer]
	assert card("TD Units Not Interviewed", viewer) >= 3
	assert card("TD Units Not Interviewed", liaison) == 1  # only the own township
	assert card("TD Units Without Activity", liaison) <= 4  # the township, two villages, one station
	assert 0 <= card("TD Closed On Time Rate", liaison) <= 100


def test_charts_are_computed_per_viewer(world):
	w = world
	liaison, viewer = w.extra["tokens"][w.a.liaison], w.extra["tokens"][w.viewer]

	def issued(token):
		resp = http.get("/api/method/twoduty_app.api.dashboard.tasks_by_state", token)
		assert resp.status == 200
		return sum(sum(d["values"]) for d in resp.json()["message"]["datasets"])

	mine = issued(liaison)
	assert mine == 2
	assert issued(viewer) >= 3
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
	assert {w.a.unit, other.a.unit, other.department} <= units


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
