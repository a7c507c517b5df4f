"""Per-unit yearly figures (`TD Unit Tally`), always recomputed from the source rows.

At province scale a year holds hundreds of thousands of tasks and duty records; the county-wide cards,
charts, the horizontal comparison and the vertical reach read the year's tally instead (at most one row
per unit; `active_months` says in which months a unit had a duty record or a task issued or closed). A row is
never adjusted by increments that could drift: every save or deletion of a task, interview or duty
record recomputes the rows of the unit-years it touches from their sources (a handful of index reads),
and the daily job rebuilds the current year set-based, which also covers rows written around documents
(bulk loads, SQL patches). Rows are written with upserts, so concurrent saves never collide on a key.

Two transactions saving rows of the same unit-year at once each recompute from their own snapshot, which
cannot see the other's uncommitted row. So every transaction that touched a unit-year recomputes it once
more right after its commit, holding a database lock per unit (`GET_LOCK`, on the primary, whatever the
app server) and reading a snapshot taken after the lock is held: the last of them sees every committed
row, and its figures are written last."""

import hashlib
from collections.abc import Iterable
from datetime import date

import frappe
from frappe.query_builder import Case, CustomFunction
from frappe.query_builder.functions import Count, Extract, Max, Min, Sum
from frappe.utils import cstr, getdate, now_datetime
from pypika.terms import Values, ValueWrapper

from twoduty_app.common.dates import year_bounds
from twoduty_app.common.vocabulary import CLOSED, HELD_STATUSES, current_year
from twoduty_app.units.rules import first_level_of

DOCTYPE = "TD Unit Tally"
FIGURES = (
	"tasks_issued",  # issued in the year
	"tasks_closed",  # of those, closed now
	"tasks_closed_on_time",  # of those, closed by their deadline
	"closed_in_year",  # closed in the year, whenever issued
	"closed_in_year_on_time",
	"interviews_held",  # held in the year
	"counted_records",  # duty records of the year that count towards duty progress
)
# the dates that place a source document in a unit-year
SOURCE_DATES = {
	"TD Rectification Task": ("issued_on", "closed_on"),
	"TD Duty Record": ("record_date",),
	"TD Interview": ("held_on",),
}
# every field of a source document that the figures read: a save that changes none of them leaves the
# tally as it is (most saves of a task only add progress)
SOURCE_FIELDS = {
	"TD Rectification Task": ("unit", "issued_on", "closed_on", "workflow_state", "deadline"),
	"TD Duty Record": ("unit", "record_date", "counts"),
	"TD Interview": ("unit", "held_on", "status"),
}
Key = tuple[str, int]
BitOr = CustomFunction("BIT_OR", ["value"])


def on_source_change(doc, method=None) -> None:
	"""doc_events hook (on_change) of tasks, interviews and duty records."""
	before = doc.get_doc_before_save()
	if before and all(cstr(before.get(f)) == cstr(doc.get(f)) for f in SOURCE_FIELDS[doc.doctype]):
		return
	_refresh_now_and_after_commit(_touched(doc) | _touched(before))


def on_source_delete(doc, method=None) -> None:
	"""doc_events hook (after_delete) of tasks, interviews and duty records."""
	_refresh_now_and_after_commit(_touched(doc))


def _refresh_now_and_after_commit(keys: set[Key]) -> None:
	"""Refreshes at once (the saver reads its own figures) and again after the commit (module docstring)."""
	if not keys:
		return
	refresh(keys)
	pending = frappe.local.flags.setdefault("twoduty_tally_after_commit", set())
	if not pending:  # one callback per transaction, for every unit-year it touched
		frappe.db.after_commit.add(_refresh_committed)
	pending.update(keys)


LOCK_WAIT = 10  # seconds; a refresh that cannot have its lock is left to the nightly rebuild


def _refresh_committed() -> None:
	keys = frappe.local.flags.pop("twoduty_tally_after_commit", None) or set()
	if not keys:
		return
	locks = sorted({_lock_name(unit) for unit, _ in keys})  # one order for all: no lock cycle
	held = []
	try:
		for lock in locks:
			if not frappe.db.sql("select get_lock(%s, %s)", (lock, LOCK_WAIT))[0][0]:
				frappe.logger("twoduty").warning(
					f"tally lock not had in {LOCK_WAIT} s; left to the nightly rebuild"
				)
				return
			held.append(lock)
		frappe.db.sql("commit")  # the snapshot of the figures is taken now, with the locks held
		refresh(keys)
		frappe.db.sql("commit")
	finally:
		for lock in held:
			frappe.db.sql("select release_lock(%s)", lock)


def _lock_name(unit: str) -> str:
	"""A server-wide lock name (at most 64 characters) for one unit of this site."""
	return "td-tally-" + hashlib.sha1(f"{frappe.conf.db_name}:{unit}".encode()).hexdigest()


def _touched(doc) -> set[Key]:
	if not doc or not doc.get("unit"):
		return set()
	return {(doc.unit, getdate(doc.get(f)).year) for f in SOURCE_DATES[doc.doctype] if doc.get(f)}


def refresh(keys: Iterable[Key]) -> None:
	"""Recomputes the given (unit, year) rows from the source rows."""
	keys = set(keys)
	if not keys:
		return
	units = sorted({unit for unit, _ in keys})
	years = [year for _, year in keys]
	rows = compute(year_bounds(min(years))[0], year_bounds(max(years))[1], units)
	for key in keys:
		rows.setdefault(key, _empty())  # nothing left there: the row goes to zero
	_upsert(rows, first_level_owners(units))


def rebuild(year: int | None = None) -> int:
	"""Recomputes every unit's row of `year` (default: this year) set-based; returns the rows written.

	Called by the daily scheduler and after bulk loads. Rows of units with no activity left are zeroed,
	not deleted, so a concurrent save's upsert never meets a vanished row."""
	year = year or current_year()
	start, end = year_bounds(year)
	Tally = frappe.qb.DocType(DOCTYPE)
	update = frappe.qb.update(Tally).set(Tally.last_activity_on, None).set(Tally.active_months, 0)
	update = update.where(Tally.year == year)
	for figure in FIGURES:
		update = update.set(Tally[figure], 0)
	update.run()
	rows = compute(getdate(start), getdate(end))
	_upsert(rows, first_level_owners())
	return len(rows)


def _empty() -> dict:
	return dict.fromkeys(FIGURES, 0) | {"last_activity_on": None, "active_months": 0}


def month_mask(start: date, end: date) -> int:
	"""The `active_months` bits of the months from `start` to `end` (within one year)."""
	return sum(1 << (month - 1) for month in range(start.month, end.month + 1))


def first_level_owners(units: list[str] | None = None) -> dict[str, str | None]:
	"""unit -> the township or county department it belongs to, for `units` or every unit."""
	Unit = frappe.qb.DocType("TD Unit")
	query = frappe.qb.from_(Unit).select(Unit.name, Unit.unit_type, Unit.parent_td_unit)
	if units is not None:
		query = query.where(Unit.name.isin(units or [""]))
	return {name: first_level_of(name, unit_type, parent) for name, unit_type, parent in query.run()}


def reassign(unit: str, first_level_unit: str | None) -> None:
	"""After a unit moves in the tree: its rows follow it to its new first-level unit."""
	Tally = frappe.qb.DocType(DOCTYPE)
	frappe.qb.update(Tally).set(Tally.first_level_unit, first_level_unit).where(Tally.unit == unit).run()


def compute(start: date, end: date, units: list[str] | None = None) -> dict[Key, dict]:
	"""Figures per (unit, year) for the years from `start` to `end`, for `units` or all units."""
	rows: dict[Key, dict] = {}

	def row(unit, year) -> dict:
		return rows.setdefault((unit, int(year)), _empty())

	def active(values: dict, day, bits) -> None:
		if day and (not values["last_activity_on"] or getdate(day) > values["last_activity_on"]):
			values["last_activity_on"] = getdate(day)
		values["active_months"] |= int(bits or 0)

	def months(field):
		return BitOr(ValueWrapper(1) << (Extract("month", field) - 1))

	def grouped(table, date_field, *figures, where=None):
		query = (
			frappe.qb.from_(table)
			.select(table.unit, Extract("year", table[date_field]), *figures)
			.where(table[date_field][start:end])
			.groupby(table.unit, Extract("year", table[date_field]))
		)
		if units is not None:
			query = query.where(table.unit.isin(units))
		if where is not None:
			query = query.where(where)
		return query.run()

	def when(condition):
		return Sum(Case().when(condition, 1).else_(0))

	Task = frappe.qb.DocType("TD Rectification Task")
	closed = Task.workflow_state == CLOSED
	on_time = closed & (Task.closed_on <= Task.deadline)
	for unit, year, issued, n_closed, n_on_time, last, bits in grouped(
		Task,
		"issued_on",
		Count("*"),
		when(closed),
		when(on_time),
		Max(Task.issued_on),
		months(Task.issued_on),
	):
		values = row(unit, year)
		values.update(tasks_issued=issued, tasks_closed=int(n_closed), tasks_closed_on_time=int(n_on_time))
		active(values, last, bits)
	for unit, year, n_closed, n_on_time, last, bits in grouped(
		Task, "closed_on", when(closed), when(on_time), Max(Task.closed_on), months(Task.closed_on)
	):
		values = row(unit, year)
		values.update(closed_in_year=int(n_closed), closed_in_year_on_time=int(n_on_time))
		active(values, last, bits)

	Record = frappe.qb.DocType("TD Duty Record")
	for unit, year, counted, last, bits in grouped(
		Record, "record_date", when(Record.counts == 1), Max(Record.record_date), months(Record.record_date)
	):
		values = row(unit, year)
		values["counted_records"] = int(counted)
		active(values, last, bits)

	Interview = frappe.qb.DocType("TD Interview")
	for unit, year, held in grouped(
		Interview, "held_on", Count("*"), where=Interview.status.isin(HELD_STATUSES)
	):
		row(unit, year)["interviews_held"] = held
	return rows


def _upsert(rows: dict[Key, dict], owners: dict[str, str | None], chunk: int = 2000) -> None:
	Tally = frappe.qb.DocType(DOCTYPE)
	figures = ("first_level_unit", "last_activity_on", "active_months", *FIGURES)
	columns = ("name", "unit", "year", *figures, "creation", "modified", "owner", "modified_by")
	stamp = now_datetime()
	values = []
	for (unit, year), v in sorted(rows.items()):
		v["first_level_unit"] = owners.get(unit)
		values.append(
			(f"{unit}-{year}", unit, year, *(v[f] for f in figures), stamp, stamp, *["Administrator"] * 2)
		)
	for i in range(0, len(values), chunk):
		query = frappe.qb.into(Tally).columns(*columns).insert(*values[i : i + chunk])
		for field in (*figures, "modified"):
			query = query.on_duplicate_key_update(Tally[field], Values(Tally[field]))
		query.run()


def rebuild_all() -> None:
	"""Rebuilds every year from the earliest source date to this year (install on a site with data)."""
	firsts = [
		frappe.qb.from_(doctype).select(Min(frappe.qb.DocType(doctype)[field])).run()[0][0]
		for doctype, fields in SOURCE_DATES.items()
		for field in fields
	]
	firsts = [getdate(d).year for d in firsts if d]
	for year in range(min(firsts, default=current_year()), current_year() + 1):
		rebuild(year)
