"""The benchmark's calls as a person's browser makes them: over HTTP, through gunicorn with two workers,
in a logged-in session. `bench --site S twoduty-benchmark --http` starts the server on a free local port,
times each call (median of `repeat` runs after a warm-up) and stops it."""

import os
import socket
import statistics
import subprocess
import sys
import time
from functools import partial

import frappe
import requests

from twoduty_app.demo import sql_baseline
from twoduty_app.demo.benchmark import reports_for, timed_runs
from twoduty_app.demo.generator import DEMO_PASSWORD

CHART_METHODS = (
	"twoduty_app.api.dashboard.tasks_by_state",
	"twoduty_app.api.dashboard.tasks_by_unit_category",
	"twoduty_app.api.dashboard.monthly_trend",
)


class Server:
	"""gunicorn serving the site on 127.0.0.1 (loopback only), as `scripts/run.sh` serves it."""

	def __init__(self, site: str, workers: int = 2):
		with socket.socket() as s:
			s.bind(("127.0.0.1", 0))
			self.port = s.getsockname()[1]
		self.url = f"http://127.0.0.1:{self.port}"
		gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
		self.process = subprocess.Popen(
			[gunicorn, "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--timeout", "120",
				"twoduty_app.demo.serve:application"],
			env={**os.environ, "TWODUTY_SITE": site},
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)  # fmt: skip
		for _ in range(120):
			try:
				if requests.get(f"{self.url}/api/method/ping", timeout=2).ok:
					return
			except requests.RequestException:
				pass
			time.sleep(0.5)
		self.stop()
		raise RuntimeError("the benchmark's web server did not start")

	def stop(self) -> None:
		self.process.terminate()
		self.process.wait(timeout=30)


def session(url: str, user: str) -> requests.Session:
	s = requests.Session()
	resp = s.post(f"{url}/api/method/login", data={"usr": user, "pwd": DEMO_PASSWORD}, timeout=30)
	resp.raise_for_status()
	return s


def _call(s: requests.Session, url: str, method: str, **data):
	payload = {k: v if isinstance(v, str) else frappe.as_json(v) for k, v in data.items()}
	resp = s.post(f"{url}/api/method/{method}", data=payload, timeout=120)
	resp.raise_for_status()
	return resp.json().get("message")


def workspace_calls(year: int) -> list[tuple]:
	"""The workspace's widgets (its number cards and charts): (method, arguments)."""
	calls = []
	for name in frappe.get_all("Workspace Number Card", {"parent": "Two Duties"}, pluck="number_card_name"):
		card = frappe.get_doc("Number Card", name)
		if card.type == "Custom":
			calls.append((card.method, {}))
		else:
			calls.append(
				(
					"frappe.desk.doctype.number_card.number_card.get_result",
					{"doc": card.as_dict(), "filters": frappe.parse_json(card.filters_json)},
				)
			)
	calls += [(method, {}) for method in CHART_METHODS]
	return calls


def list_calls() -> list[tuple]:
	fields = ["name", "problem", "unit", "deadline", "workflow_state", "traffic_light"]
	return [
		(
			"frappe.desk.reportview.get",
			{
				"doctype": "TD Rectification Task",
				"fields": [f"`tabTD Rectification Task`.`{f}`" for f in fields],
				"order_by": "`tabTD Rectification Task`.`modified` desc",
				"start": 0,
				"page_length": 20,
			},
		),
		("frappe.desk.reportview.get_count", {"doctype": "TD Rectification Task"}),
	]


# the report and its bare SQL are compared on more runs than the table's three: on two shared cores one
# slow run moves a median of three
AGAINST_SQL_RUNS = 5


def _time(fn, repeat: int) -> tuple[float, float]:
	"""Median and maximum wall time in ms of `repeat` runs after one warm-up."""
	runs = timed_runs(fn, repeat)
	return statistics.median(runs), max(runs)


def measure(people: dict[str, str], repeat: int = 3) -> dict:
	"""`timings`: (who, what, median ms, slowest ms) of every call over HTTP; `against_sql`: for the
	province-wide viewer, each report beside a hand-written query giving the same figures
	(`sql_baseline`) and an empty authenticated request, with whether the figures agree."""
	year = frappe.utils.getdate().year
	server = Server(frappe.local.site)
	results, against_sql = [], []
	try:
		for who, user in people.items():
			s = session(server.url, user)
			widgets = workspace_calls(year)

			def run(calls, s=s):
				for method, args in calls:
					_call(s, server.url, method, **args)

			median, worst = _time(lambda w=widgets: run(w), repeat)
			results.append((who, "workspace, every widget one after another", median, worst))
			slowest = max(_time(lambda c=c: run([c]), repeat)[0] for c in widgets)
			results.append((who, "workspace, its slowest widget", slowest, slowest))
			results.append(
				(who, "task list view (first page + count)", *_time(lambda: run(list_calls()), repeat))
			)
			for report in reports_for(who):
				call = ("frappe.desk.query_report.run", {"report_name": report, "filters": {"year": year}})
				timing = _time(lambda c=call: run([c]), repeat)
				results.append((who, f"report: {report}", *timing))
				if who == "province-wide":
					answer = _call(s, server.url, *call[:1], **call[1])
					against_sql.append(
						_against_sql(
							report,
							year,
							partial(run, [call]),
							answer,
							s,
							server.url,
							max(repeat, AGAINST_SQL_RUNS),
						)
					)
	finally:
		server.stop()
	return {"timings": results, "against_sql": against_sql, "against_sql_runs": max(repeat, AGAINST_SQL_RUNS)}


def _against_sql(report: str, year: int, timed, answer: dict, s, url: str, repeat: int) -> dict:
	"""The report (`timed`, over HTTP) beside its bare query (in process) and an empty authenticated request
	(over HTTP), each the median of `repeat` runs after a warm-up, taken one after the other."""
	baseline = sql_baseline.BASELINES[report]
	report_ms = _time(timed, repeat)[0]
	sql_ms = _time(lambda: baseline(year), repeat)[0]
	empty_ms = _time(lambda: _call(s, url, "frappe.auth.get_logged_user"), repeat)[0]
	expected, shown = baseline(year), sql_baseline.report_figures(report, answer)
	return {
		"report": report,
		"report_ms": report_ms,
		"sql_ms": sql_ms,
		"empty_ms": empty_ms,
		"ratio": report_ms / (sql_ms + empty_ms),
		"same": expected == shown,
		"figures": expected if expected == shown else {"query": expected, "report": shown},
	}


def as_markdown(measured: dict) -> str:
	lines = ["| who | what, over HTTP | median ms | slowest ms |", "| --- | --- | ---: | ---: |"]
	lines += [
		f"| {who} | {what} | {median:,.0f} | {worst:,.0f} |"
		for who, what, median, worst in measured["timings"]
	]
	lines += [
		"",
		f"| province-wide report (medians of {measured['against_sql_runs']} runs) | over HTTP ms | bare SQL ms | "
		"empty request ms | × (SQL + empty) | same figures |",
		"| --- | ---: | ---: | ---: | ---: | --- |",
	]
	lines += [
		f"| {r['report']} | {r['report_ms']:,.0f} | {r['sql_ms']:,.0f} | {r['empty_ms']:,.0f} | "
		f"{r['ratio']:.2f} | {'yes' if r['same'] else 'NO'}: {r['figures']} |"
		for r in measured["against_sql"]
	]
	return "\n".join(lines)
