"""What each held interview covers (`TD Coverage Mark`), kept ahead so that coverage is index lookups.

One row per held interview and each target it covers (see supervision/coverage.py for the rules):
- the unit itself (`position` empty): the interview's own unit, and the stated unit of each interviewee;
- a post (`position` set): an interviewee row stating both unit and post; for a row that does not state
  both, every post its person held on the day the interview was held (the membership's from/to dates).
Each row carries the interview's year and interviewing unit (empty: the county).

At province scale coverage otherwise joins every owed unit to interviews, interviewees and memberships
(seconds for a province-wide viewer); with the marks, "is this post of this unit covered this year by
that interviewer" is one probe of the `covered` index. Rows are never adjusted, only replaced from their
sources: an interview's rows on every change of it (`on_interview_change`), the rows of the interviews
whose people's posts changed when a unit's members change (`on_members_change`), and a whole year,
set-based, by the nightly rebuild, which also covers interviews written around documents (bulk loads, SQL
patches). Concurrent saves of one interview are ordered by its row lock; the nightly rebuild repairs
whatever a membership change racing an interview save could leave stale."""

from collections.abc import Iterable

import frappe
from frappe.query_builder.functions import IfNull
from frappe.utils import getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import year_bounds

DOCTYPE = "TD Coverage Mark"
TABLE = "`tabTD Coverage Mark`"
# the position of a mark that covers the unit itself
UNIT_ITSELF = ""
# the interview's fields and its interviewees' that decide what it covers: a save changing none of them
# (most saves of a held interview add minutes or files) leaves its rows as they are
INTERVIEW_FIELDS = ("status", "held_on", "unit", "interviewer_unit")
INTERVIEWEE_FIELDS = ("user", "unit", "position")

# the targets of the held interviews `{held}` selects (with the interview as `i`)
TARGETS = """
	select i.name interview, year(i.held_on) year, ifnull(i.interviewer_unit, '') interviewer_unit,
		i.unit unit, '' position
	from `tabTD Interview` i
	where {held} and ifnull(i.unit, '') != ''
	union all
	select i.name, year(i.held_on), ifnull(i.interviewer_unit, ''), e.unit, ''
	from `tabTD Interviewee` e join `tabTD Interview` i on i.name = e.parent
	where e.parenttype = 'TD Interview' and ifnull(e.unit, '') != '' and {held}
	union all
	select i.name, year(i.held_on), ifnull(i.interviewer_unit, ''), e.unit, e.position
	from `tabTD Interviewee` e join `tabTD Interview` i on i.name = e.parent
	where e.parenttype = 'TD Interview' and ifnull(e.unit, '') != '' and ifnull(e.position, '') != ''
		and {held}
	union all
	select i.name, year(i.held_on), ifnull(i.interviewer_unit, ''), m.parent, m.position
	from `tabTD Interviewee` e
		join `tabTD Interview` i on i.name = e.parent
		join `tabTD Unit Member` m on m.user = e.user
	where e.parenttype = 'TD Interview'
		and (ifnull(e.unit, '') = '' or ifnull(e.position, '') = '')
		and m.parenttype = 'TD Unit' and m.parentfield = 'members' and ifnull(m.position, '') != ''
		and (m.from_date is null or m.from_date <= i.held_on)
		and (m.to_date is null or m.to_date >= i.held_on)
		and {held}
"""
INSERT = f"""
	insert ignore into {TABLE}
		(name, creation, modified, modified_by, owner, docstatus, idx,
		interview, year, interviewer_unit, unit, position)
	select concat_ws('|', t.interview, t.unit, t.position), now(6), now(6), 'Administrator', 'Administrator',
		0, 0, t.interview, t.year, t.interviewer_unit, t.unit, t.position
	from ({TARGETS}) t
"""


def _held(extra: str) -> str:
	"""The condition on the interviews (`i`) whose targets are written: held, and `extra` (constant SQL;
	every value goes in as a parameter, the statuses as `held_statuses`)."""
	return f"i.status in %(held_statuses)s and i.held_on is not null and {extra}"


HELD = {"held_statuses": tuple(v.HELD_STATUSES)}


def refresh(interviews: Iterable[str]) -> None:
	"""Replace the rows of these interviews from their sources (none when not held, or gone)."""
	names = sorted({n for n in interviews if n})
	if not names:
		return
	frappe.db.sql(f"delete from {TABLE} where interview in %(names)s", {"names": names})
	frappe.db.sql(INSERT.format(held=_held("i.name in %(names)s")), {**HELD, "names": names})


def rebuild(year: int | None = None) -> int:
	"""Replace every row of `year` (this year by default) and of the interviews now held in it; returns
	the count of rows written. The nightly job, and after bulk loads."""
	year = int(year or getdate(nowdate()).year)
	start, end = year_bounds(year)
	values = {**HELD, "year": year, "start": start, "end": end}
	frappe.db.sql(
		f"""delete from {TABLE} where year = %(year)s or interview in (
			select name from `tabTD Interview` where held_on between %(start)s and %(end)s)""",
		values,
	)
	frappe.db.sql(INSERT.format(held=_held("i.held_on between %(start)s and %(end)s")), values)
	return frappe.db.count(DOCTYPE, {"year": year})


def rebuild_all() -> int:
	"""Every year's rows, from nothing (installing the marks on a site, after a bulk load)."""
	frappe.db.sql(f"delete from {TABLE}")
	frappe.db.sql(INSERT.format(held=_held("1 = 1")), HELD)
	return frappe.db.count(DOCTYPE)


def rebuild_this_year() -> None:
	"""The nightly job (daily_long)."""
	rebuild()
	frappe.db.commit()


# -- hooks -----------------------------------------------------------------------------------------------


def on_interview_change(doc, method=None) -> None:
	"""doc_events hook (on_change) of `TD Interview`."""
	before = doc.get_doc_before_save()
	if before is not None and _covering(before) == _covering(doc):
		return
	refresh([doc.name])


def on_interview_delete(doc, method=None) -> None:
	"""doc_events hook (after_delete) of `TD Interview`: a draft's rows, should it have any."""
	frappe.db.sql(f"delete from {TABLE} where interview = %s", doc.name)


def _covering(doc) -> tuple:
	return (
		tuple(str(doc.get(f) or "") for f in INTERVIEW_FIELDS),
		tuple(
			sorted(
				tuple(str(r.get(f) or "") for f in INTERVIEWEE_FIELDS) for r in doc.get("interviewees") or []
			)
		),
	)


def on_unit_update(doc, method=None) -> None:
	"""doc_events hook (on_update) of `TD Unit`: when its members changed, the interviews whose
	interviewees are matched to posts by membership, of the people whose posts or dates changed, are
	recomputed."""
	before = doc.get_doc_before_save()
	old = {_member_key(m) for m in (before.members if before else [])}
	new = {_member_key(m) for m in doc.members}
	users = {key[0] for key in old ^ new if key[0]}
	if users:
		refresh(interviews_matched_by_membership(users))


def on_unit_delete(doc, method=None) -> None:
	"""doc_events hook (after_delete) of `TD Unit`: its marks go with it (those of its own interviews,
	interviewees and posts)."""
	frappe.db.sql(f"delete from {TABLE} where unit = %s", doc.name)


def _member_key(m) -> tuple:
	return (m.user, m.position, str(m.from_date or ""), str(m.to_date or ""))


def interviews_matched_by_membership(users: Iterable[str]) -> list[str]:
	"""The interviews with a row of one of `users` that does not state both unit and post."""
	Interviewee = frappe.qb.DocType("TD Interviewee")
	return (
		frappe.qb.from_(Interviewee)
		.select(Interviewee.parent)
		.distinct()
		.where(
			(Interviewee.parenttype == "TD Interview")
			& Interviewee.user.isin(sorted(users))
			& ((IfNull(Interviewee.unit, "") == "") | (IfNull(Interviewee.position, "") == ""))
		)
		.run(pluck=True)
	)
