"""Weekly reminders of the interviews still owed this year (逐级约谈, supervision/coverage.py).

From `TD Settings.coverage_alert_from` (10-01 by default) to the end of the year, every interviewer hears each
week which units it still owes: the Party secretary (Unit Head) and the discipline secretary of each
interviewing unit that is behind, as they hold the posts today; for the county, whose interviews name no
interviewing unit, also its discipline commission's staff (TwoDuty Inspector and Admin users who are members
of no unit). From `coverage_county_alert_on` (12-01 by default) the county hears as well which levels are
behind, and which interviewing units in them.

One mail per person and week, however often the job runs: the person's ISO week is claimed by a `TD Coverage
Reminder Log` row named after the week and the person, in the transaction that queues the mail. A second run,
even one running at the same time, cannot claim it again: its insert waits for the first run's row and then
fails as a duplicate. Each mail lists only units of its reader's own branch (the reader's unit scope), and is
written in the reader's language."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.utils import get_url, getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import written_date
from twoduty_app.common.notify import send_mail, user_languages
from twoduty_app.permissions.roles import users_with_role
from twoduty_app.permissions.unit_scope import get_scope_ranges
from twoduty_app.supervision.coverage import (
	coverage_by_interviewer,
	describe_level,
	owed_units,
	reminder_dates,
)

# the interviewing unit's people who are reminded of what it owes
REMINDED_POSITIONS = (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY)
# the county's discipline commission: reminded of what the county owes, told of the levels behind
COUNTY_ROLES = (v.ROLE_INSPECTOR, v.ROLE_ADMIN)
# lines listed per section of a mail; the others are counted and left to the report
LISTED = 30
TEMPLATE = "td_coverage_reminder"
REPORT = "Cascade Coverage"
LOG = "TD Coverage Reminder Log"


def send_weekly() -> int:
	"""Scheduler (weekly)."""
	return send_reminders()


def iso_week(day: date) -> str:
	year, week, _weekday = day.isocalendar()
	return f"{year}-W{week:02d}"


def send_reminders(today=None) -> int:
	"""Queue this week's reminders that are due on `today` and not yet sent; returns how many."""
	today = getdate(today or nowdate())
	interviewers_from, county_from = reminder_dates(today.year)
	remind_interviewers, tell_county = today >= interviewers_from, today >= county_from
	if not (remind_interviewers or tell_county):
		return 0
	# the whole picture once, as the system; each reader then gets the part of his or her branch
	behind = [row for row in coverage_by_interviewer(today.year, user="Administrator") if row["missing"]]
	if not behind:
		return 0
	owed = defaultdict(list)
	if remind_interviewers:
		filters = {"interviewers": {row["interviewer"] for row in behind}}
		for unit in owed_units(today.year, filters, user="Administrator"):
			owed[(unit["rule"], unit["interviewer"])].append(unit)

	heads = _heads_today({row["interviewer"] for row in behind}, today)
	county_units = {row["interviewer"] for row in behind if row["interviewer_type"] == v.COUNTY}
	county_staff = set()
	for role in COUNTY_ROLES:
		county_staff.update(users_with_role(role, unscoped_only=True))
	bounds = {row["interviewer"]: (row["lft"], row["rgt"]) for row in behind}
	# one order for every run: a concurrent run waits for the other's claims, it never deadlocks
	readers = sorted(set(heads) | county_staff)
	languages = user_languages(readers)
	week, sent = iso_week(today), 0
	for reader in readers:
		# the county's staff: their scope (none: every county); a unit's heads: the units they head today
		ranges = get_scope_ranges(reader) if reader in county_staff else [bounds[u] for u in heads[reader]]
		mine = heads.get(reader, set()) | (county_units if reader in county_staff else set())
		own = (
			[r for r in behind if r["interviewer"] in mine and _in_branch(r, ranges)]
			if remind_interviewers
			else []
		)
		is_county = reader in county_staff or bool(heads.get(reader, set()) & county_units)
		levels = [r for r in behind if _in_branch(r, ranges)] if tell_county and is_county else []
		if not (own or levels):
			continue
		units_owed = sum(r["missing"] for r in own)
		units_behind = len({r["interviewer"] for r in levels})
		if not _claim(reader, week, today, units_owed, units_behind):
			continue
		lang = languages[reader]
		send_mail(
			[reader],
			_subject(units_owed, units_behind, lang),
			TEMPLATE,
			{
				"intro": _(
					"As of {0}, these interviews required this year have not yet been held:", lang=lang
				).format(written_date(today, lang)),
				"sections": [_owed_section(r, owed[(r["rule"], r["interviewer"])], lang) for r in own]
				+ _level_sections(levels, lang),
				"link": get_url(f"/app/query-report/{REPORT}"),
				"link_label": _("Open the Cascade Coverage report", lang=lang),
			},
			lang,
		)
		sent += 1
	return sent


def _in_branch(row: dict, ranges) -> bool:
	"""The interviewing unit lies in the reader's branch (None: the reader is not limited to one)."""
	return ranges is None or any(a <= row["lft"] <= b for a, b in ranges)


def _heads_today(units: set[str], today: date) -> dict[str, set[str]]:
	"""user -> the units among `units` whose Unit Head or discipline secretary he or she is today (enabled
	users only)."""
	Member = frappe.qb.DocType("TD Unit Member")
	User = frappe.qb.DocType("User")
	units = sorted(units)
	heads: dict[str, set[str]] = defaultdict(set)
	for i in range(0, len(units), 2000):
		rows = (
			frappe.qb.from_(Member)
			.join(User)
			.on(User.name == Member.user)
			.select(Member.user, Member.parent)
			.where(
				Criterion.all(
					[
						Member.parenttype == "TD Unit",
						Member.parentfield == "members",
						Member.parent.isin(units[i : i + 2000]),
						Member.position.isin(REMINDED_POSITIONS),
						Member.from_date.isnull() | (Member.from_date <= today),
						Member.to_date.isnull() | (Member.to_date >= today),
						User.enabled == 1,
					]
				)
			)
			.run()
		)
		for user, unit in rows:
			heads[user].add(unit)
	return heads


def _claim(user: str, week: str, today: date, units_owed: int, levels_behind: int) -> bool:
	"""The person's reminder of the week, claimed by this run (False: another run has it)."""
	try:
		frappe.get_doc(
			{
				"doctype": LOG,
				"user": user,
				"week": week,
				"sent_on": today,
				"units_owed": units_owed,
				"levels_behind": levels_behind,
			}
		).insert(ignore_permissions=True)
	except frappe.DuplicateEntryError:
		return False
	return True


def _subject(units_owed: int, units_behind: int, lang: str) -> str:
	if units_behind:
		return _("Interview coverage this year: {0} interviewing units behind", lang=lang).format(
			units_behind
		)
	return _("Interview reminder: {0} units still to be interviewed this year", lang=lang).format(units_owed)


def _listed(lines: list[str], total: int, lang: str) -> tuple[list[str], str | None]:
	more = total - min(len(lines), LISTED)
	note = _("{0} more are not listed here: see the Cascade Coverage report.", lang=lang).format(more)
	return lines[:LISTED], note if more > 0 else None


def _owed_section(row: dict, units: list[dict], lang: str) -> dict:
	"""What one interviewing unit still owes under one rule: the units, with the posts not yet interviewed."""
	lines = []
	for unit in units:
		if unit["missing_positions"]:
			posts = "、".join(_(p, lang=lang) for p in unit["missing_positions"])
			lines.append(_("{0}: {1} not yet interviewed", lang=lang).format(unit["unit_name"], posts))
		else:
			lines.append(unit["unit_name"])
	lines, more = _listed(lines, row["missing"], lang)
	return {
		"title": f"{row['interviewer_name']} · {describe_level(row, lang)}",
		"note": _("{0} of {1} units not yet interviewed.", lang=lang).format(row["missing"], row["owed"]),
		"lines": lines,
		"more": more,
	}


def _level_sections(rows: list[dict], lang: str) -> list[dict]:
	"""For the county: each level behind, and its interviewing units behind (most units owed first)."""
	by_rule: dict[int, list[dict]] = defaultdict(list)
	for row in rows:
		by_rule[row["rule"]].append(row)
	sections = []
	for rule in sorted(by_rule):
		behind = sorted(by_rule[rule], key=lambda r: (-r["missing"], r["lft"]))
		lines = [
			_("{0}: {1} of {2} units not yet interviewed", lang=lang).format(
				r["interviewer_name"], r["missing"], r["owed"]
			)
			for r in behind
		]
		lines, more = _listed(lines, len(behind), lang)
		sections.append(
			{
				"title": _("Level behind: {0}", lang=lang).format(describe_level(behind[0], lang)),
				"note": _("{0} interviewing units behind, {1} units not yet interviewed.", lang=lang).format(
					len(behind), sum(r["missing"] for r in behind)
				),
				"lines": lines,
				"more": more,
			}
		)
	return sections
