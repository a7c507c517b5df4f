"""The province under load: virtual users of one county and of its townships, each in its own logged-in
session, loop without pause over what they do in a day (the workspace's widgets, the task list and its
count, a report, opening a task; the townships' liaisons also save a progress entry) against gunicorn with
two workers on this machine. Prints requests per second, p50/p95/p99 and errors, overall and per call.

`bench --site S twoduty-benchmark --skip-build --load 20` (the province data set of the benchmark)."""

import statistics
import threading
import time
from collections import defaultdict

import frappe
import requests
from frappe.query_builder.functions import Count

from twoduty_app.common import vocabulary as v
from twoduty_app.demo import generator
from twoduty_app.demo.http_benchmark import Server, list_calls, session, workspace_calls

TOWNSHIP_LIAISONS = 5
PROGRESS_NOTE = "已召开专题会议，正在整改"  # the entry the liaisons save, again and again
SESSIONS_PER_USER = 100  # one person's several tabs and phones; Frappe's default allows 2


def load_people(county_member: str) -> dict[str, list[str]]:
	"""The county member of the benchmark and a liaison in each of the first townships of that county."""
	county = frappe.db.get_value("TD Unit Member", {"user": county_member, "parenttype": "TD Unit"}, "parent")
	lft, rgt = frappe.db.get_value("TD Unit", county, ["lft", "rgt"])
	townships = frappe.get_all(
		"TD Unit",
		{"unit_type": "Township", "lft": (">", lft), "rgt": ("<", rgt)},
		pluck="name",
		order_by="lft asc",
		limit=TOWNSHIP_LIAISONS,
	)
	liaisons = []
	for i, township in enumerate(townships):
		user = f"bench-load-liaison-{i + 1}@demo.twoduty.local"
		generator._ensure_user(user, f"乡镇联络员{i + 1}（压力测试）", (v.ROLE_LIAISON,))
		doc = frappe.get_doc("TD Unit", township)
		if user not in {m.user for m in doc.members}:
			doc.append("members", {"user": user, "position": v.LIAISON})
			doc.save(ignore_permissions=True)
		liaisons.append(user)
	for user in (county_member, *liaisons):
		frappe.db.set_value("User", user, "simultaneous_sessions", SESSIONS_PER_USER)
	frappe.db.commit()
	return {"county": [county_member], "township": liaisons}


def _open_task(user: str) -> str | None:
	"""A task of the user's own unit that the unit is working on (Rectifying), for the liaison's progress."""
	unit = frappe.db.get_value("TD Unit Member", {"user": user, "parenttype": "TD Unit"}, "parent")
	return (
		frappe.db.get_value("TD Rectification Task", {"unit": unit, "workflow_state": v.IN_PROGRESS}, "name")
		if unit
		else None
	)


def _task_in_branch(user: str) -> str | None:
	unit = frappe.db.get_value("TD Unit Member", {"user": user, "parenttype": "TD Unit"}, "parent")
	lft, rgt = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
	Task, Unit = frappe.qb.DocType("TD Rectification Task"), frappe.qb.DocType("TD Unit")
	row = (
		frappe.qb.from_(Task).join(Unit).on(Unit.name == Task.unit).select(Task.name)
		.where((Unit.lft >= lft) & (Unit.rgt <= rgt)).limit(1).run()
	)  # fmt: skip
	return row[0][0] if row else None


def scripts(people: dict[str, list[str]], year: int) -> list[tuple[str, str, list[tuple]]]:
	"""(kind, user, calls) per person: calls are (label, method, args)."""
	widgets = [
		(f"card: {a['doc']['name']}" if "doc" in a else f"widget: {m.rsplit('.', 1)[-1]}", m, a)
		for m, a in workspace_calls(year)
	]
	listing = [("task list", m, a) for m, a in list_calls()]
	out = []
	for kind, users in people.items():
		report = "Rectification Ledger" if kind == "county" else "Overdue and Escalations"
		for user in users:
			calls = [*widgets, *listing]
			calls.append(
				(
					f"report: {report}",
					"frappe.desk.query_report.run",
					{"report_name": report, "filters": {"year": year}},
				)
			)
			own = _open_task(user)
			task = own or _task_in_branch(user)
			calls.append(
				(
					"open a task",
					"frappe.desk.form.load.getdoc",
					{"doctype": "TD Rectification Task", "name": task},
				)
			)
			if kind == "township" and own:
				calls.append(
					(
						"save a progress entry",
						"twoduty_app.api.mobile.add_progress",
						{"name": task, "note": PROGRESS_NOTE},
					)
				)
			out.append((kind, user, calls))
	return out


def run(people: dict[str, list[str]], users: int = 20, seconds: int = 60, warmup: int = 10) -> dict:
	"""`users` virtual users (a quarter of the county, the rest spread over the township liaisons), looping
	without pause for `warmup` + `seconds`; only the last `seconds` are counted."""
	year = frappe.utils.getdate().year
	plans = scripts(people, year)
	county = [p for p in plans if p[0] == "county"]
	township = [p for p in plans if p[0] == "township"] or county
	n_county = max(1, users // 4)
	chosen = [county[i % len(county)] for i in range(n_county)]
	chosen += [township[i % len(township)] for i in range(users - n_county)]

	clear_entries(people)  # each run starts from the tasks as a county has them, not a pile of earlier runs
	server = Server(frappe.local.site)
	samples: list[tuple[str, float, bool]] = []
	lock = threading.Lock()
	errors: dict[str, int] = defaultdict(int)
	first_errors: dict[str, str] = {}  # the first failure of each call, as the server answered it
	start_counting = time.perf_counter() + warmup
	stop = start_counting + seconds
	try:
		sessions = [session(server.url, user) for _, user, _ in chosen]

		def virtual_user(s: requests.Session, calls: list[tuple]):
			while time.perf_counter() < stop:
				for label, method, args in calls:
					payload = {k: v if isinstance(v, str) else frappe.as_json(v) for k, v in args.items()}
					began = time.perf_counter()
					try:
						resp = s.post(f"{server.url}/api/method/{method}", data=payload, timeout=120)
						ok, why = resp.ok, f"HTTP {resp.status_code}: {resp.text[:300]}"
					except requests.RequestException as e:
						ok, why = False, repr(e)[:300]
					ended = time.perf_counter()
					if began >= start_counting and ended <= stop:
						with lock:
							samples.append((label, (ended - began) * 1000, ok))
							if not ok:
								errors[label] += 1
								first_errors.setdefault(label, why)
					if ended > stop:
						return

		threads = [
			threading.Thread(target=virtual_user, args=(s, calls), daemon=True)
			for s, (_, _, calls) in zip(sessions, chosen, strict=True)
		]
		for t in threads:
			t.start()
		for t in threads:
			t.join()
	finally:
		server.stop()
		clear_entries(people)
	return {**summarise(samples, seconds, users, dict(errors)), "first_errors": first_errors}


def clear_entries(people: dict[str, list[str]]) -> int:
	"""Remove the progress entries the liaisons' virtual users saved (this run's or an earlier one's):
	the load test saves thousands into a handful of tasks, which no county's task ever holds."""
	Progress = frappe.qb.DocType("TD Task Progress")
	users = [user for group in people.values() for user in group]
	condition = (
		(Progress.parenttype == "TD Rectification Task")
		& Progress.user.isin(users)
		& (Progress.note == PROGRESS_NOTE)
	)
	count = frappe.qb.from_(Progress).select(Count("*")).where(condition).run()[0][0]
	frappe.qb.from_(Progress).delete().where(condition).run()
	frappe.db.commit()
	return count


def _percentile(values: list[float], p: float) -> float:
	if not values:
		return 0.0
	values = sorted(values)
	return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def summarise(samples, seconds: int, users: int, errors: dict) -> dict:
	by_label: dict[str, list[float]] = defaultdict(list)
	for label, ms, _ in samples:
		by_label[label].append(ms)
	all_ms = [ms for _, ms, _ in samples]
	return {
		"users": users,
		"seconds": seconds,
		"requests": len(samples),
		"per_second": len(samples) / seconds,
		"p50": _percentile(all_ms, 50),
		"p95": _percentile(all_ms, 95),
		"p99": _percentile(all_ms, 99),
		"errors": sum(errors.values()),
		"calls": {
			label: {
				"n": len(ms),
				"p50": statistics.median(ms),
				"p95": _percentile(ms, 95),
				"errors": errors.get(label, 0),
			}
			for label, ms in sorted(by_label.items(), key=lambda kv: -_percentile(kv[1], 95))
		},
	}


def as_markdown(result: dict) -> str:
	r = result
	lines = [
		f"{r['users']} virtual users for {r['seconds']} s (gunicorn, two workers): {r['requests']:,} requests, "
		f"{r['per_second']:.1f}/s, p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms, "
		f"{r['errors']} errors",
		"",
		"| call | requests | p50 ms | p95 ms | errors |",
		"| --- | ---: | ---: | ---: | ---: |",
	]
	lines += [
		f"| {label} | {c['n']:,} | {c['p50']:.0f} | {c['p95']:.0f} | {c['errors']} |"
		for label, c in r["calls"].items()
	]
	lines += [f"\nfirst failure of {label}: {why}" for label, why in r.get("first_errors", {}).items()]
	return "\n".join(lines)
