"""Scheduled mail about rectification: a weekly digest to every unit head and discipline secretary about
their branch, and a monthly summary to the county leaders (TwoDuty Viewer).

Every mail is scoped like its reader: a reader who is a member of units gets the figures of those units'
branches only; a leader with no membership gets one section per county. Bodies are the
`templates/emails/td_figures.html` template, in each reader's language."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import get_url, getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import month_bounds, previous_month, written_month, year_bounds
from twoduty_app.common.notify import send_mail, user_languages
from twoduty_app.permissions.roles import users_with_role
from twoduty_app.permissions.unit_scope import get_scope_roots

DIGEST_POSITIONS = (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY)
TEMPLATE = "td_figures"


def _count_in_branch(table, lft: int, rgt: int, *figures, where=None, groupby=None):
	"""`select figures from table join TD Unit` limited to the branch [lft, rgt]."""
	Unit = frappe.qb.DocType("TD Unit")
	query = frappe.qb.from_(table).join(Unit).on(Unit.name == table.unit).select(*figures)
	query = query.where(Unit.lft[lft:rgt])
	if where is not None:
		query = query.where(where)
	if groupby is not None:
		query = query.groupby(groupby)
	return query.run()


def branch_counts(lft: int, rgt: int) -> dict:
	"""Open tasks of a branch by traffic light, and how many were returned to their unit."""
	Task = frappe.qb.DocType("TD Rectification Task")
	rows = _count_in_branch(
		Task,
		lft,
		rgt,
		Task.traffic_light,
		Count("*"),
		Sum(Task.returned),
		where=Task.workflow_state.isin(v.LIT_STATES),
		groupby=Task.traffic_light,
	)
	counts = {"open": 0, v.DUE_SOON: 0, v.OVERDUE: 0, "returned": 0}
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
		.where(
			(Member.parenttype == "TD Unit")
			& Member.position.isin(DIGEST_POSITIONS)
			& (Member.is_current == 1)
		)
		.run(as_dict=True)
	)
	languages = user_languages([p.user for p in people])
	counts_by_unit: dict[str, dict] = {}
	for person in people:
		counts = counts_by_unit.setdefault(person.name, branch_counts(person.lft, person.rgt))
		lang = languages[person.user]
		send_mail(
			[person.user],
			_("Weekly rectification digest: {0}", lang=lang).format(person.unit_name),
			TEMPLATE,
			{
				"intro": _("Rectification tasks of {0} and the units under it this week:", lang=lang).format(
					person.unit_name
				),
				"sections": [
					{
						"rows": [
							(_("Open Tasks", lang=lang), counts["open"]),
							(_("Due Soon", lang=lang), counts[v.DUE_SOON]),
							(_("Overdue", lang=lang), counts[v.OVERDUE]),
							(_("Returned to the Unit", lang=lang), counts["returned"]),
						]
					}
				],
				"link": get_url("/app/td-rectification-task"),
				"link_label": _("Open the task list", lang=lang),
			},
			lang,
		)
	return len(people)


def branch_figures(unit: str, year: int, month: int) -> dict:
	"""A branch's month: tasks issued and closed, open and overdue now, the year's on-time rate, interviews."""
	lft, rgt = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
	Task = frappe.qb.DocType("TD Rectification Task")
	Interview = frappe.qb.DocType("TD Interview")
	year_start, year_end = year_bounds(year)
	month_start, month_end = month_bounds(year, month)

	def tasks(condition) -> int:
		return _count_in_branch(Task, lft, rgt, Count("*"), where=condition)[0][0]

	closed_year = tasks(Task.closed_on[year_start:year_end])
	on_time = tasks(Task.closed_on[year_start:year_end] & (Task.closed_on <= Task.deadline))
	counts = branch_counts(lft, rgt)
	return {
		"issued": tasks(Task.issued_on[month_start:month_end]),
		"closed": tasks(Task.closed_on[month_start:month_end]),
		"open": counts["open"],
		"overdue": counts[v.OVERDUE],
		"on_time_rate": round(100 * on_time / closed_year, 1) if closed_year else 0,
		"interviews": _count_in_branch(
			Interview, lft, rgt, Count("*"), where=Interview.held_on[month_start:month_end]
		)[0][0],
	}


def readable_branches(user: str) -> list[str]:
	"""The tops of the branches `user` may read: the units of his or her memberships, or every county."""
	roots = get_scope_roots(user)
	if roots is not None:
		return roots
	return frappe.get_all("TD Unit", filters={"unit_type": v.COUNTY}, pluck="name", order_by="lft")


def monthly_summary(today=None) -> int:
	"""Scheduler (monthly): last month's figures, to every county leader, for the branches he or she may
	read. Returns how many summaries were queued."""
	year, month = previous_month(getdate(today or nowdate()))
	viewers = users_with_role(v.ROLE_VIEWER)
	languages = user_languages(viewers)
	figures: dict[str, dict] = {}
	names: dict[str, str] = {}
	for viewer in viewers:
		lang = languages[viewer]
		sections = []
		for unit in readable_branches(viewer):
			if unit not in figures:
				figures[unit] = branch_figures(unit, year, month)
				names[unit] = frappe.db.get_value("TD Unit", unit, "unit_name")
			f = figures[unit]
			sections.append(
				{
					"title": names[unit],
					"rows": [
						(_("Issued", lang=lang), f["issued"]),
						(_("Closed Out", lang=lang), f["closed"]),
						(_("Open Tasks", lang=lang), f["open"]),
						(_("Overdue", lang=lang), f["overdue"]),
						(_("Closed-on-time Rate", lang=lang) + " (%)", f["on_time_rate"]),
						(_("Interviews", lang=lang), f["interviews"]),
					],
				}
			)
		subject = _("Two duties monthly summary, {0}", lang=lang).format(written_month(year, month, lang))
		send_mail([viewer], subject, TEMPLATE, {"sections": sections}, lang)
	return len(viewers)
