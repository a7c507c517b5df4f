"""Times what people and the scheduler do, on a province-sized site, for county and township users.

Run with `bench --site S twoduty-benchmark` (see README); figures are printed as a Markdown table."""

import statistics
import time
from datetime import timedelta

import frappe
from frappe.utils import getdate, nowdate

from twoduty_app.assessment import assessments
from twoduty_app.demo import generator, scale
from twoduty_app.demo.tree import Shape
from twoduty_app.supervision import coverage_marks
from twoduty_app.units import tally

REPORTS = (
	"Rectification Ledger",
	"Overdue and Escalations",
	"Horizontal Comparison",
	"Vertical Reach",
	"Duty Progress",
	"Interview Coverage",
	"Cascade Coverage",
	"Accountability Ledger",
	"Assessment Ranking",
)
# what a viewer does not read: the county's own coverage report is not a township's; accountability cases
# are the county's discipline commission's alone (no unit member reads them)
NOT_READ = {
	"township": {"Interview Coverage", "Accountability Ledger"},
	"one county": {"Accountability Ledger"},
}


def reports_for(who: str) -> list[str]:
	return [r for r in REPORTS if r not in NOT_READ.get(who, ())]


WORKSPACE = "Two Duties"


# accountability cases over two years: a province's 问责 ledger
CASES = 2_000


def build(counties: int, tasks: int, interviews: int, records: int, log=print) -> None:
	today = getdate(nowdate())
	started = time.monotonic()
	generator.build(counties=counties, shape=Shape(), people=False, log=lambda *_: None)
	log(f"units: {frappe.db.count('TD Unit')} ({time.monotonic() - started:.0f} s)")
	# each builder tops the table up to the size asked for (re-running adds only what is missing)
	have = frappe.db.count("TD Rectification Task", {"name": ("like", "ZG-BENCH-%")})
	if have < tasks:
		scale.build_tasks(tasks - have, today, log=log, start=have)
	have = frappe.db.count("TD Interview", {"name": ("like", "YT-BENCH-%")})
	if have < interviews:
		scale.build_interviews(interviews - have, today, log=log, start=have)
	scale.build_assignments(today.year, log=log)
	have = frappe.db.count("TD Duty Record", {"name": ("like", "LZ-BENCH-%")})
	if have < records:
		scale.build_records(records - have, today, log=log, start=have)
	# the bulk loads above bypass documents and so their hooks: the tally and the coverage marks
	tally.rebuild_all()
	coverage_marks.rebuild_all()
	log(f"data set ready in {time.monotonic() - started:.0f} s")


def ensure_cases(count: int = CASES) -> int:
	"""The accountability cases of the data set (added to a data set built before they existed)."""
	have = frappe.db.count("TD Accountability Case", {"name": ("like", "WZ-BENCH-%")})
	if have < count:
		scale.build_cases(count - have, getdate(nowdate()), start=have)
	return count


def ensure_assessments() -> int:
	"""The year's assessments of every first-level unit (added to a data set built before they existed)."""
	return scale.build_assessments(getdate(nowdate()).year, log=lambda *_: None)


def ensure_people() -> dict[str, str]:
	"""A county leader with no membership (sees the whole province), a member of one county's unit (scoped
	to that county) and a township liaison of that county."""
	leader = "bench-county-leader@demo.twoduty.local"
	member = "bench-county-member@demo.twoduty.local"
	liaison = "bench-township-liaison@demo.twoduty.local"
	generator._ensure_user(leader, "县领导（基准测试）", ("TwoDuty Viewer",))
	generator._ensure_user(member, "县纪委干部（基准测试）", ("TwoDuty Viewer",))
	generator._ensure_user(liaison, "乡镇联络员（基准测试）", ("TwoDuty Liaison",))
	for unit_type, user, position in (("County", member, "Team Member"), ("Township", liaison, "Liaison")):
		unit = frappe.db.get_value("TD Unit", {"unit_type": unit_type}, "name", order_by="lft asc")
		doc = frappe.get_doc("TD Unit", unit)
		if user not in {m.user for m in doc.members}:
			doc.append("members", {"user": user, "position": position})
			doc.save(ignore_permissions=True)
	frappe.db.commit()
	return {"province-wide": leader, "one county": member, "township": liaison}


def timed_runs(fn, repeat: int) -> list[float]:
	"""Wall times in ms of `repeat` runs after one warm-up, caches as a user would meet them."""
	fn()
	runs = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		runs.append((time.perf_counter() - start) * 1000)
	return runs


def _time(fn, repeat: int = 2) -> float:
	"""Median wall time in ms of `repeat` runs (after one warm-up)."""
	return statistics.median(timed_runs(fn, repeat))


def workspace_once() -> None:
	from frappe.desk.doctype.number_card.number_card import get_result

	ws = frappe.get_doc("Workspace", WORKSPACE)
	for row in ws.number_cards:
		card = frappe.get_doc("Number Card", row.number_card_name)
		if card.type == "Custom":
			frappe.get_attr(card.method)()
		else:
			get_result(card.as_dict(), frappe.parse_json(card.filters_json))
	for row in ws.charts:
		chart = frappe.get_doc("Dashboard Chart", row.chart_name)
		source = frappe.get_doc("Dashboard Chart Source", chart.source)
		method = {
			"TD Tasks by State": "twoduty_app.api.dashboard.tasks_by_state",
			"TD Tasks by Unit Category": "twoduty_app.api.dashboard.tasks_by_unit_category",
			"TD Monthly Task Trend": "twoduty_app.api.dashboard.monthly_trend",
		}[source.name]
		frappe.get_attr(method)()


def list_view_once() -> None:
	from frappe.desk.reportview import get, get_count

	args = dict(
		doctype="TD Rectification Task",
		fields=["`tabTD Rectification Task`.`name`", "`tabTD Rectification Task`.`problem`",
			"`tabTD Rectification Task`.`unit`", "`tabTD Rectification Task`.`deadline`",
			"`tabTD Rectification Task`.`workflow_state`", "`tabTD Rectification Task`.`traffic_light`"],
		order_by="`tabTD Rectification Task`.`modified` desc",
		start=0,
		page_length=20,
	)  # fmt: skip
	frappe.local.form_dict = frappe._dict(args)
	get()
	frappe.local.form_dict = frappe._dict(doctype="TD Rectification Task")
	get_count()


def report_once(name: str) -> None:
	from frappe.desk.query_report import run

	run(name, filters={"year": getdate(nowdate()).year}, ignore_prepared_report=True)


def measure(people: dict[str, str]) -> list[tuple[str, str, float]]:
	results = []
	for who, user in people.items():
		frappe.set_user(user)
		results.append((who, "workspace (10 cards, 3 charts)", _time(workspace_once)))
		results.append((who, "task list view (first page + count)", _time(list_view_once)))
		for report in reports_for(who):
			results.append((who, f"report: {report}", _time(lambda r=report: report_once(r))))
	frappe.set_user("Administrator")
	from twoduty_app.supervision.escalation import mark_as_of, run_daily

	# a normal day: the steps of the days before are done (a data set built before a step was added to the
	# ladder gets its markers now, committed, so that re-runs time the same day's work)
	mark_as_of(getdate(nowdate()) - timedelta(days=1))
	frappe.db.commit()
	start = time.perf_counter()
	counts = run_daily()
	frappe.db.rollback()  # leave the data set as it was, so the figure can be taken again
	results.append(("scheduler", f"daily escalation job ({counts})", (time.perf_counter() - start) * 1000))
	start = time.perf_counter()
	rows = tally.rebuild()
	frappe.db.commit()
	results.append(
		("scheduler", f"daily tally rebuild ({rows:,} unit rows)", (time.perf_counter() - start) * 1000)
	)
	# the county's one action: generate (or refresh) its first-level units' assessments; rolled back
	county = frappe.db.get_value("TD Unit", {"unit_type": "County"}, "name", order_by="lft asc")
	start = time.perf_counter()
	made = assessments.generate(getdate(nowdate()).year, county=county)
	frappe.db.rollback()
	results.append(
		(
			"county action",
			f"generate one county's assessments ({made['created'] + made['refreshed']} units)",
			(time.perf_counter() - start) * 1000,
		)
	)
	unit = frappe.db.get_value("TD Rectification Task", {}, "unit")
	year = getdate(nowdate()).year
	results.append(
		("every save", "tally refresh of one unit-year", _time(lambda: tally.refresh({(unit, year)}), 5))
	)
	frappe.db.commit()
	return results


def as_markdown(results, sizes: dict) -> str:
	lines = [
		"| " + " · ".join(f"{k}: {v:,}" for k, v in sizes.items()) + " | | |",
		"| --- | --- | ---: |",
		"| who | what | ms |",
	]
	lines += [f"| {who} | {what} | {ms:,.0f} |" for who, what, ms in results]
	return "\n".join(lines)
