"""TD Unit Tally: the per-unit yearly figures behind the county-wide cards and the horizontal comparison
follow every change of their sources, and the figures read from them equal a count of the raw rows."""

import frappe
import pytest
from frappe import _
from frappe.utils import add_days, getdate, nowdate, today

from tests import http
from tests.factories import (
	CountyWorld,
	bring_to_pending_recheck,
	held_interview,
	make_county_world,
	make_task,
	make_user,
	recheck,
	set_members,
)
from twoduty_app.api import dashboard
from twoduty_app.responsibility.assignments import generate_assignments
from twoduty_app.responsibility.periods import period_bounds
from twoduty_app.responsibility.report.horizontal_comparison import horizontal_comparison
from twoduty_app.responsibility.report.vertical_reach import vertical_reach
from twoduty_app.units import tally

pytestmark = pytest.mark.usefixtures("rollback_each_test")
YEAR = getdate(nowdate()).year
HELD = ("Held", "Following Up", "Closed")


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	generate_assignments(YEAR, w.county, publish_progress=False)
	# the village works its own tasks
	w.extra["village_people"] = (make_user("v-liaison"), make_user("v-head"))
	set_members(
		w.a.villages[0],
		[(w.extra["village_people"][0], "Liaison"), (w.extra["village_people"][1], "Unit Head")],
	)
	frappe.db.commit()
	w.extra["token"] = http.api_token(w.a.liaison)
	return w


def tally_row(unit: str) -> frappe._dict | None:
	return frappe.db.get_value(
		"TD Unit Tally",
		{"unit": unit, "year": YEAR},
		["first_level_unit", "last_activity_on", *tally.FIGURES],
		as_dict=True,
	)


def recount(unit: str) -> dict:
	"""The figures of `unit` this year, counted from the raw rows one by one."""
	start, end = f"{YEAR}-01-01", f"{YEAR}-12-31"
	tasks = frappe.get_all(
		"TD Rectification Task",
		filters={"unit": unit},
		fields=["issued_on", "closed_on", "deadline", "workflow_state"],
	)
	issued = [t for t in tasks if t.issued_on and start <= str(t.issued_on) <= end]
	closed = [
		t for t in tasks if t.workflow_state == "Closed Out" and t.closed_on and t.closed_on.year == YEAR
	]
	return {
		"tasks_issued": len(issued),
		"tasks_closed": sum(t.workflow_state == "Closed Out" for t in issued),
		"tasks_closed_on_time": sum(
			t.workflow_state == "Closed Out" and t.closed_on <= t.deadline for t in issued
		),
		"closed_in_year": len(closed),
		"closed_in_year_on_time": sum(t.closed_on <= t.deadline for t in closed),
		"interviews_held": frappe.db.count(
			"TD Interview", {"unit": unit, "status": ("in", HELD), "held_on": ("between", [start, end])}
		),
		"counted_records": frappe.db.count(
			"TD Duty Record", {"unit": unit, "counts": 1, "record_date": ("between", [start, end])}
		),
	}


def figures(row) -> dict:
	return {f: row[f] for f in tally.FIGURES} if row else dict.fromkeys(tally.FIGURES, 0)


def duty_record(w: CountyWorld, unit: str) -> str:
	item = frappe.get_doc("TD Duty Assignment", {"unit": unit, "year": YEAR}).items[0].duty_item
	frappe.set_user(w.a.liaison)
	return (
		frappe.get_doc(
			{
				"doctype": "TD Duty Record",
				"title": "开展廉政谈话",
				"unit": unit,
				"record_kind": "Integrity Talk",
				"record_date": today(),
				"duty_items": [{"duty_item": item}],
			}
		)
		.insert()
		.name
	)


def test_a_task_is_tallied_from_issue_to_close_out(world):
	w = world
	village = w.a.villages[0]
	frappe.set_user(w.inspector)
	task = make_task(village, problem="村务公开不及时")
	row = tally_row(village)
	assert row.first_level_unit == w.a.unit
	assert row.last_activity_on == getdate(today())
	assert (row.tasks_issued, row.tasks_closed, row.closed_in_year) == (1, 0, 0)

	bring_to_pending_recheck(w, task, *w.extra["village_people"])
	recheck(task, w.inspector, "Pass")
	row = tally_row(village)
	assert (row.tasks_closed, row.tasks_closed_on_time, row.closed_in_year, row.closed_in_year_on_time) == (
		1,
		1,
		1,
		1,
	)
	assert figures(row) == recount(village)


def test_a_late_close_out_is_not_on_time(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, deadline_days=1)
	bring_to_pending_recheck(w, task)
	frappe.set_user("Administrator")
	# the deadline passed before the recheck (set in the past the way the calendar would have)
	frappe.db.set_value("TD Rectification Task", task, "deadline", add_days(today(), -1))
	frappe.db.set_value("TD Rectification Task", task, "issued_on", add_days(today(), -1))
	recheck(task, w.inspector, "Pass")
	row = tally_row(w.a.unit)
	assert (row.closed_in_year, row.closed_in_year_on_time) == (1, 0)
	assert figures(row) == recount(w.a.unit)


def test_deleting_a_task_takes_it_out(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.b.villages[0], issue=False)
	assert tally_row(w.b.villages[0]).tasks_issued == 1
	frappe.set_user(w.admin)  # the county administrator deletes a task issued by mistake
	frappe.delete_doc("TD Rectification Task", task)
	row = tally_row(w.b.villages[0])
	assert row.tasks_issued == 0 and row.last_activity_on is None


def test_interviews_and_duty_records_are_tallied(world):
	w = world
	held_interview(w, [])
	duty_record(w, w.a.unit)
	row = tally_row(w.a.unit)
	assert (row.interviews_held, row.counted_records) == (1, 1)
	assert row.last_activity_on == getdate(today())
	assert figures(row) == recount(w.a.unit)


def test_a_moved_village_takes_its_figures_along(world):
	w = world
	village = w.a.villages[1]
	frappe.set_user(w.inspector)
	make_task(village)
	assert tally_row(village).first_level_unit == w.a.unit
	frappe.set_user(w.admin)  # the county administrator keeps the unit tree
	doc = frappe.get_doc("TD Unit", village)
	doc.parent_td_unit = w.b.unit
	doc.save()
	assert tally_row(village).first_level_unit == w.b.unit
	frappe.set_user(w.viewer)
	rows = horizontal_comparison.data(frappe._dict(year=YEAR, unit=w.b.unit))
	assert {r["group"]: r["tasks"] for r in rows}[_("Township")] == 1


def test_the_daily_rebuild_agrees_with_the_hooks_and_repairs_what_bypassed_them(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.station)
	held_interview(w, [])
	duty_record(w, w.a.unit)
	units = [w.a.unit, w.a.station, *w.a.villages]
	by_hooks = {u: tally_row(u) for u in units}
	frappe.set_user("Administrator")  # the scheduler runs its jobs as Administrator
	tally.rebuild(YEAR)
	assert {u: tally_row(u) for u in units} == by_hooks

	frappe.db.delete("TD Rectification Task", {"name": task})  # around the document: no hook runs
	assert tally_row(w.a.station).tasks_issued == 1
	tally.rebuild(YEAR)
	assert figures(tally_row(w.a.station)) == recount(w.a.station)
	assert tally_row(w.a.station).tasks_issued == 0


def test_cards_read_from_the_tally_equal_raw_counts_for_the_township(world):
	w = world
	frappe.set_user(w.inspector)
	open_task = make_task(w.a.villages[0])
	closed_task = make_task(w.a.unit)
	bring_to_pending_recheck(w, closed_task)
	recheck(closed_task, w.inspector, "Pass")
	make_task(w.b.unit)  # the other township's: never in A's figures
	branch = [w.a.unit, w.a.station, *w.a.villages]
	counts = [recount(u) for u in branch]
	assert frappe.db.get_value("TD Rectification Task", open_task, "workflow_state") == "Issued"

	frappe.set_user(w.a.liaison)
	closed = sum(c["closed_in_year"] for c in counts)
	on_time = sum(c["closed_in_year_on_time"] for c in counts)
	assert closed == 1
	assert dashboard.closed_on_time_rate()["value"] == round(100 * on_time / closed, 1)

	start, end = period_bounds(getdate(nowdate()), "Quarterly")
	active = {
		u
		for u in branch
		if frappe.db.exists("TD Duty Record", {"unit": u, "record_date": ("between", [start, end])})
		or frappe.db.exists("TD Rectification Task", {"unit": u, "issued_on": ("between", [start, end])})
		or frappe.db.exists("TD Rectification Task", {"unit": u, "closed_on": ("between", [start, end])})
	}
	assert active == {w.a.unit, w.a.villages[0]}
	assert dashboard.units_without_activity()["value"] == len(branch) - len(active)

	chart = dashboard.tasks_by_unit_category()
	still_open, done = (d["values"][0] for d in chart["datasets"])  # townships come first
	assert (still_open, done) == (
		sum(c["tasks_issued"] - c["tasks_closed"] for c in counts),
		sum(c["tasks_closed"] for c in counts),
	)
	assert (still_open, done) == (1, 1)
	assert sum(sum(d["values"]) for d in chart["datasets"]) == 2  # nothing of township B


def test_horizontal_comparison_equals_raw_counts_for_the_county(world):
	w = world
	frappe.set_user(w.inspector)
	make_task(w.a.villages[0])
	make_task(w.b.unit)
	make_task(w.department)
	held_interview(w, [])
	duty_record(w, w.a.unit)
	frappe.set_user(w.viewer)
	rows = {r["group"]: r for r in horizontal_comparison.data(frappe._dict(year=YEAR, unit=w.county))}
	rows = {group: rows[_(group)] for group in ("Township", "County Department", "Government Department")}
	townships = [w.a.unit, w.a.station, *w.a.villages, w.b.unit, w.b.station, *w.b.villages]
	counts = [recount(u) for u in townships]
	assert rows["Township"]["tasks"] == sum(c["tasks_issued"] for c in counts) == 2
	assert rows["Township"]["interviews"] == sum(c["interviews_held"] for c in counts) == 1
	assert rows["Township"]["record_coverage"] == 50.0  # township A has a counted record, B none
	assert rows["County Department"]["tasks"] == rows["Government Department"]["tasks"] == 1


def test_the_tally_is_not_open_to_unit_users(world):
	w = world
	token = w.extra["token"]
	assert http.get("/api/resource/TD Unit Tally", token).status == 403
	frappe.set_user(w.a.liaison)
	assert not frappe.has_permission("TD Unit Tally", "read")


def test_vertical_reach_counts_a_unit_in_the_quarter_of_its_activity(world):
	w = world
	village = w.a.villages[0]
	quarter = (getdate(today()).month - 1) // 3 + 1
	frappe.set_user(w.inspector)
	make_task(village)
	frappe.set_user(w.viewer)

	def reach(**filters):
		rows = vertical_reach.data(frappe._dict(year=YEAR, unit=w.a.unit, **filters))
		return {r["unit"]: (r["grassroots_units"], r["active_units"]) for r in rows}[w.a.unit]

	assert reach() == (3, 1)  # two villages and a station; one village has this year's task
	assert reach(quarter=str(quarter)) == (3, 1)
	for other in {1, 2, 3, 4} - {quarter}:
		assert reach(quarter=str(other)) == (3, 0)
	assert tally_row(village).last_activity_on == getdate(today())
	assert frappe.db.get_value("TD Unit Tally", {"unit": village, "year": YEAR}, "active_months") == 1 << (
		getdate(today()).month - 1
	)


def test_the_tally_is_kept_by_hooks_the_scheduler_and_a_patch():
	hooks = frappe.get_hooks("doc_events")
	for source in tally.SOURCE_DATES:
		assert "twoduty_app.units.tally.on_source_change" in hooks[source]["on_change"]
		assert "twoduty_app.units.tally.on_source_delete" in hooks[source]["after_delete"]
	# an interview's coverage marks follow it the same way (supervision/coverage_marks.py)
	assert "twoduty_app.supervision.coverage_marks.on_interview_change" in hooks["TD Interview"]["on_change"]
	assert (
		"twoduty_app.supervision.coverage_marks.rebuild_this_year"
		in frappe.get_hooks("scheduler_events")["daily_long"]
	)
	assert "twoduty_app.units.tally.rebuild" in frappe.get_hooks("scheduler_events")["daily_long"]
	assert frappe.db.exists("Patch Log", {"patch": "twoduty_app.patches.v0_1.build_unit_tally"})
