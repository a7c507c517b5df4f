"""Scheduled mail: a weekly digest to every unit head and discipline secretary about their branch, and a
monthly summary to the county leaders (TwoDuty Viewer). Chinese HTML (each reader's language)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import escape_html, get_url, getdate, nowdate

from twoduty_app.services import task_states as ts
from twoduty_app.services.notify import send_html, user_languages
from twoduty_app.services.periods import month_bounds, year_bounds

DIGEST_POSITIONS = ("Unit Head", "Discipline Secretary")


def _table(rows: list[tuple[str, object]]) -> str:
	cells = "".join(
		f"<tr><td style='padding:4px 12px;border:1px solid #ddd'>{escape_html(str(k))}</td>"
		f"<td style='padding:4px 12px;border:1px solid #ddd;text-align:right'>{escape_html(str(v))}</td></tr>"
		for k, v in rows
	)
	return f"<table style='border-collapse:collapse'>{cells}</table>"


def branch_counts(lft: int, rgt: int) -> dict:
	Task = frappe.qb.DocType("TD Rectification Task")
	Unit = frappe.qb.DocType("TD Unit")
	rows = (
		frappe.qb.from_(Task)
		.join(Unit)
		.on(Unit.name == Task.unit)
		.select(Task.traffic_light, Count("*"), Sum(Task.returned))
		.where(Task.workflow_state.isin(ts.LIT_STATES) & Unit.lft[lft:rgt])
		.groupby(Task.traffic_light)
		.run()
	)
	counts = {"open": 0, ts.DUE_SOON: 0, ts.OVERDUE: 0, "returned": 0}
	for light, n, returned in rows:
		counts["open"] += n
		counts["returned"] += int(returned or 0)
		if light in counts:
			counts[light] += n
	return counts


def weekly_digest() -> int:
	"""Scheduler (weekly). Returns how many digests were queued."""
	Member = frappe.qb.DocType("TD Unit Member")
	Unit = frappe.qb.DocType("TD Unit")
	people = (
		frappe.qb.from_(Member)
		.join(Unit)
		.on(Unit.name == Member.parent)
		.select(Member.user, Unit.name, Unit.unit_name, Unit.lft, Unit.rgt)
		.where((Member.parenttype == "TD Unit") & Member.position.isin(DIGEST_POSITIONS))
		.run(as_dict=True)
	)
	languages = user_languages([p.user for p in people])
	counts_by_unit: dict[str, dict] = {}
	sent = 0
	for person in people:
		counts = counts_by_unit.setdefault(person.name, branch_counts(person.lft, person.rgt))
		lang = languages[person.user]
		subject = _("Weekly rectification digest: {0}", lang=lang).format(person.unit_name)
		html = (
			f"<p>{escape_html(_('Rectification tasks of {0} and the units under it this week:', lang=lang).format(person.unit_name))}</p>"
			+ _table(
				[
					(_("Open Tasks", lang=lang), counts["open"]),
					(_("Due Soon", lang=lang), counts[ts.DUE_SOON]),
					(_("Overdue", lang=lang), counts[ts.OVERDUE]),
					(_("Returned to the Unit", lang=lang), counts["returned"]),
				]
			)
			+ f"<p><a href='{get_url('/app/td-rectification-task')}'>{escape_html(_('Open the task list', lang=lang))}</a></p>"
		)
		send_html([person.user], subject, html)
		sent += 1
	return sent


def county_figures(county: str, year: int, month: int) -> dict:
	lft, rgt = frappe.db.get_value("TD Unit", county, ["lft", "rgt"])
	Task = frappe.qb.DocType("TD Rectification Task")
	Unit = frappe.qb.DocType("TD Unit")
	Interview = frappe.qb.DocType("TD Interview")
	in_county = Unit.lft[lft:rgt]
	year_start, year_end = year_bounds(year)
	month_start, month_end = month_bounds(year, month)

	def count_tasks(condition):
		return (
			frappe.qb.from_(Task)
			.join(Unit)
			.on(Unit.name == Task.unit)
			.select(Count("*"))
			.where(in_county & condition)
			.run()[0][0]
		)

	issued = count_tasks(Task.issued_on[month_start:month_end])
	closed = count_tasks(Task.closed_on[month_start:month_end])
	on_time = count_tasks(Task.closed_on[year_start:year_end] & (Task.closed_on <= Task.deadline))
	closed_year = count_tasks(Task.closed_on[year_start:year_end])
	interviews = (
		frappe.qb.from_(Interview).join(Unit).on(Unit.name == Interview.unit).select(Count("*"))
		.where(in_county & Interview.held_on[month_start:month_end])
		.run()[0][0]
	)  # fmt: skip
	counts = branch_counts(lft, rgt)
	return {
		"issued": issued,
		"closed": closed,
		"open": counts["open"],
		"overdue": counts[ts.OVERDUE],
		"on_time_rate": round(100 * on_time / closed_year, 1) if closed_year else 0,
		"interviews": interviews,
	}


def monthly_summary(today=None) -> int:
	"""Scheduler (monthly): last month's figures for each county, to every county leader."""
	today = getdate(today or nowdate())
	year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
	HasRole = frappe.qb.DocType("Has Role")
	User = frappe.qb.DocType("User")
	viewers = (
		frappe.qb.from_(HasRole).join(User).on(User.name == HasRole.parent).select(User.name).distinct()
		.where((HasRole.role == "TwoDuty Viewer") & (HasRole.parenttype == "User") & (User.enabled == 1))
		.run(pluck=True)
	)  # fmt: skip
	if not viewers:
		return 0
	counties = frappe.get_all(
		"TD Unit", filters={"unit_type": "County"}, fields=["name", "unit_name"], order_by="lft"
	)
	figures = {c.name: county_figures(c.name, year, month) for c in counties}
	languages = user_languages(viewers)
	for viewer in viewers:
		lang = languages[viewer]
		parts = []
		for county in counties:
			f = figures[county.name]
			parts.append(f"<h3>{escape_html(county.unit_name)}</h3>")
			parts.append(
				_table(
					[
						(_("Issued", lang=lang), f["issued"]),
						(_("Closed", lang=lang), f["closed"]),
						(_("Open Tasks", lang=lang), f["open"]),
						(_("Overdue", lang=lang), f["overdue"]),
						(_("Closed-on-time Rate", lang=lang) + " (%)", f["on_time_rate"]),
						(_("Interviews", lang=lang), f["interviews"]),
					]
				)
			)
		subject = _("Two duties monthly summary for {0}-{1}", lang=lang).format(year, f"{month:02d}")
		send_html([viewer], subject, "".join(parts))
	return len(viewers)
