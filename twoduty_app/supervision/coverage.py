"""Interview coverage (逐级约谈): who must interview whom each year, and who has.

The rules are data: `TD Settings.coverage_rules`, rows of `TD Coverage Rule`. Each says that every unit of
one level (the interviewer: the county, a township, a county department…) interviews the units of another
level directly under it at least `min_interviews` times a year: the posts ticked (Unit Head, Administrative
Head, Discipline Secretary), or, with none ticked, the unit itself. The defaults follow the source text
(`default_rules`): the county interviews the Party secretary and the discipline secretary of every township
and county department; townships and departments interview every unit directly under them; once a year.

An interview counts for an interviewer when it was held in the year (its status is one of HELD_STATUSES)
and names that interviewer as its `interviewer_unit` (the county's: empty, or the county itself). It covers
- a unit: when the unit is the interview's unit, or the stated unit of one of its interviewees;
- a post P of a unit U: when an interviewee row states U and P, or, for a row that does not state both, its
  person held P in U on the day the interview was held (the membership's from/to dates).

What each held interview covers is kept ahead, one row per interview and unit or post
(`TD Coverage Mark`, supervision/coverage_marks.py). `coverage_by_interviewer` (the Cascade Coverage report,
its number card, the reminders) and `owed_units` compute coverage in SQL, one query per rule driven by the
units owed: per unit and post, one probe of the marks' index; per interviewer, an aggregate. A township
head's figures cost what the township holds, the province's what the province holds, and no Python loop
walks the units. An interview that covers a post twice (two rows) counts once. `interview_coverage` lists the people behind the
county's posts for the first-level report (Interview Coverage)."""

import re
from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.query_builder.custom import GROUP_CONCAT
from frappe.query_builder.functions import Concat_ws, Count, Sum
from frappe.utils import getdate, nowdate
from pypika.terms import AggregateFunction, Case, ExistsCriterion, Not

from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import InvalidInputError
from twoduty_app.exceptions import CoverageSettingsError
from twoduty_app.permissions.roles import has_any_role
from twoduty_app.permissions.unit_scope import get_scope_ranges, lft_within
from twoduty_app.supervision import coverage_marks
from twoduty_app.units.report_filters import first_level_units
from twoduty_app.units.rules import allowed_parent_types, is_valid_parent

# the posts a rule may name: the check field of `TD Coverage Rule` for each
POSITION_FIELDS = {
	"unit_head": v.UNIT_HEAD,
	"administrative_head": v.ADMINISTRATIVE_HEAD,
	"discipline_secretary": v.DISCIPLINE_SECRETARY,
}
# the posts the county interviews by default (and the first-level report's, when no rule names others)
COVERED_POSITIONS = (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY)
# the years a report can be asked for
MIN_YEAR, MAX_YEAR = 2000, 2100
SETTINGS = "TD Settings"
MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Rule:
	interviewer_type: str
	interviewee_type: str
	positions: tuple[str, ...] = ()
	min_interviews: int = 1

	@property
	def key(self) -> tuple[str, str]:
		return (self.interviewer_type, self.interviewee_type)

	@property
	def of_the_county(self) -> bool:
		return self.interviewer_type == v.COUNTY


# -- the rules -------------------------------------------------------------------------------------------


def default_rules() -> list[Rule]:
	"""The county interviews the heads and discipline secretaries of the first level; every first-level
	unit interviews each unit directly under it (the unit types the tree allows there); once a year."""
	rules = [Rule(v.COUNTY, unit_type, COVERED_POSITIONS) for unit_type in v.FIRST_LEVEL_TYPES]
	for child in v.UNIT_TYPES:
		rules += [
			Rule(parent, child)
			for parent in allowed_parent_types(child) or ()
			if parent in v.FIRST_LEVEL_TYPES
		]
	return sorted(
		rules, key=lambda r: (v.UNIT_TYPES.index(r.interviewer_type), v.UNIT_TYPES.index(r.interviewee_type))
	)


def rule_from_row(row) -> Rule:
	return Rule(
		row.interviewer_type,
		row.interviewee_type,
		tuple(position for field, position in POSITION_FIELDS.items() if row.get(field)),
		max(1, int(row.min_interviews or 1)),
	)


def rule_to_row(rule: Rule) -> dict:
	return {
		"interviewer_type": rule.interviewer_type,
		"interviewee_type": rule.interviewee_type,
		"min_interviews": rule.min_interviews,
		**{field: int(position in rule.positions) for field, position in POSITION_FIELDS.items()},
	}


def configured_rules() -> list[Rule]:
	"""The site's rules, in the order of the settings table."""
	return [rule_from_row(row) for row in frappe.get_cached_doc(SETTINGS).get("coverage_rules") or []]


def seed_default_rules() -> bool:
	"""The default rules, on a site that has none yet (install, and the patch for existing sites): the
	county's own table, once it has rows, is never touched. Rows are written without saving the settings,
	whose other values a site may not have saved yet."""
	if frappe.db.count("TD Coverage Rule", {"parenttype": SETTINGS, "parentfield": "coverage_rules"}):
		return False
	for idx, rule in enumerate(default_rules(), 1):
		row = frappe.get_doc(
			{
				"doctype": "TD Coverage Rule",
				"parent": SETTINGS,
				"parenttype": SETTINGS,
				"parentfield": "coverage_rules",
				"idx": idx,
				**rule_to_row(rule),
			}
		)
		row.db_insert()
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	return True


def check_rules(rows) -> None:
	"""Each rule names a level and a level directly under it, once, and at least one interview a year."""
	seen = set()
	for row in rows:
		interviewer, interviewee = _(row.interviewer_type), _(row.interviewee_type)
		if not is_valid_parent(row.interviewee_type, row.interviewer_type):
			frappe.throw(
				_("Row {0}: a {1} has no {2} directly under it.").format(
					row.idx, frappe.bold(interviewer), frappe.bold(interviewee)
				),
				CoverageSettingsError,
			)
		if (row.interviewer_type, row.interviewee_type) in seen:
			frappe.throw(
				_("Row {0}: the rule for {1} interviewing {2} is already in the table.").format(
					row.idx, frappe.bold(interviewer), frappe.bold(interviewee)
				),
				CoverageSettingsError,
			)
		seen.add((row.interviewer_type, row.interviewee_type))
		if (row.min_interviews or 0) < 1:
			frappe.throw(
				_("Row {0}: a rule asks for at least one interview a year.").format(row.idx),
				CoverageSettingsError,
			)


def parse_month_day(value) -> tuple[int, int] | None:
	"""`MM-DD` (10-01) as (month, day) when it is a day of every year, else None."""
	match = MONTH_DAY.fullmatch((value or "").strip())
	if not match:
		return None
	month, day = int(match[1]), int(match[2])
	try:
		date(2001, month, day)  # not a leap year: 02-29 is not a day of every year
	except ValueError:
		return None
	return month, day


def check_month_day(value, label: str) -> None:
	if value and not parse_month_day(value):
		frappe.throw(
			_("{0} must be a day of the year written as MM-DD, for example 10-01.").format(
				frappe.bold(label)
			),
			CoverageSettingsError,
		)


def reminder_dates(year: int) -> tuple[date, date]:
	"""The days of `year` from which the interviewers, and then the county, are reminded (TD Settings,
	their DocType defaults when the site never saved them)."""
	settings = frappe.get_cached_doc(SETTINGS)
	meta = frappe.get_meta(SETTINGS)

	def day_of(fieldname) -> date:
		month, day = parse_month_day(settings.get(fieldname)) or parse_month_day(
			meta.get_field(fieldname).default
		)
		return date(year, month, day)

	return day_of("coverage_alert_from"), day_of("coverage_county_alert_on")


def describe_level(row, lang: str | None = None) -> str:
	"""A rule in words: 乡镇约谈村, 县约谈乡镇（主要负责人、纪委书记）."""
	level = _("{0} interviewing {1}", lang=lang).format(
		_(row["interviewer_type"], lang=lang), _(row["interviewee_type"], lang=lang)
	)
	if row.get("positions"):
		level += "（" + "、".join(_(p, lang=lang) for p in row["positions"]) + "）"
	return level


# -- who interviewed whom --------------------------------------------------------------------------------


def _tables():
	"""The owed unit (c) and its interviewer, the unit directly above it (p)."""
	return frappe.qb.DocType("TD Unit").as_("c"), frappe.qb.DocType("TD Unit").as_("p")


def _marks(owed, rule: Rule, year: int, position: str):
	"""The marks of interviews held in `year` by the owed unit's interviewer (the unit above it; the
	county's interviews name no interviewing unit, or the county itself) that cover the owed unit's post
	(the unit itself: `position` empty). One probe of the marks' `covered` index per owed unit."""
	Mark = frappe.qb.DocType(coverage_marks.DOCTYPE).as_("k")
	by = [owed.parent_td_unit, ""] if rule.of_the_county else [owed.parent_td_unit]
	return Mark, frappe.qb.from_(Mark).where(
		(Mark.unit == owed.name)
		& (Mark.year == year)
		& (Mark.position == position)
		& Mark.interviewer_unit.isin(by)
	)


def _covered(owed, rule: Rule, year: int, position: str) -> Criterion:
	"""At least `rule.min_interviews` distinct interviews cover the post; once a year, the usual rule, is
	an EXISTS that stops at the first mark found."""
	Mark, marks = _marks(owed, rule, year, position)
	if rule.min_interviews <= 1:
		return ExistsCriterion(marks.select(1))
	return marks.select(Count(Mark.interview).distinct()) >= rule.min_interviews


# the separators of `FirstInOrder`'s text: between units, and between a unit's name and its flags
VALUE_SEPARATOR, FIELD_SEPARATOR = "\x1e", "\x1f"


class FirstInOrder(AggregateFunction):
	"""`GROUP_CONCAT(value ORDER BY order SEPARATOR … LIMIT n)` (MariaDB 10.3+): the first `n` values of
	a group (NULLs skipped) in order, cut in the database."""

	def __init__(self, value, order, limit: int, alias=None):
		super().__init__("GROUP_CONCAT", value, alias=alias)
		self.order, self.limit = order, int(limit)

	def get_special_params_sql(self, **kwargs) -> str:
		order = self.order.get_sql(with_alias=False, **kwargs)
		return f"ORDER BY {order} SEPARATOR '{VALUE_SEPARATOR}' LIMIT {self.limit}"


def _flag(criterion: Criterion) -> Case:
	return Case().when(criterion, 1).else_(0)


def _owed_query(rule: Rule, year: int, filters, ranges):
	"""`from` the units owed under `rule` whose interviewer lies in the reader's branch and the filters,
	with the criterion of each post covered (the unit itself when the rule names no post)."""
	owed, interviewer = _tables()
	query = (
		frappe.qb.from_(owed)
		.join(interviewer)
		.on(interviewer.name == owed.parent_td_unit)
		.where(
			Criterion.all(
				[
					owed.unit_type == rule.interviewee_type,
					interviewer.unit_type == rule.interviewer_type,
					*_branch_criteria(owed, interviewer, filters, ranges),
				]
			)
		)
	)
	positions = rule.positions or (coverage_marks.UNIT_ITSELF,)
	covered = {p: _covered(owed, rule, year, p) for p in positions}
	return query, owed, interviewer, covered


def _branch_criteria(owed, interviewer, filters, ranges) -> list[Criterion]:
	"""The interviewer lies in the reader's branch and in the county or subtree asked for; a department
	category keeps the departments of it, as interviewers or interviewed."""
	parts = []
	if ranges is not None:
		parts.append(lft_within(interviewer, ranges))
	for key in ("county", "unit"):
		if filters.get(key):
			bounds = frappe.db.get_value("TD Unit", filters[key], ["lft", "rgt"])
			parts.append(lft_within(interviewer, [bounds] if bounds else []))
	if filters.get("department_category"):
		category = filters.department_category
		parts.append((interviewer.department_category == category) | (owed.department_category == category))
	if filters.get("interviewers") is not None:
		# on the owed unit's own column: the database reads only the units under these interviewers
		parts.append(owed.parent_td_unit.isin(sorted(filters.interviewers) or [""]))
	return parts


def _per_interviewer(rule: Rule, year: int, filters, ranges, brief: bool = False):
	"""The query of one row per interviewer unit owing interviews under `rule`, in tree order: the units
	it owes and those covered (`brief`: the interviewer's name only, not its unit name and bounds)."""
	query, _owed, interviewer, covered = _owed_query(rule, year, filters, ranges)
	details = [] if brief else [interviewer.unit_name, interviewer.lft, interviewer.rgt]
	return (
		query.select(
			interviewer.name.as_("interviewer"),
			*details,
			Count("*").as_("owed"),
			Sum(_flag(Criterion.all(covered.values()))).as_("done"),
		)
		.groupby(interviewer.name, *details)
		.orderby(interviewer.lft)
	)


def coverage_by_interviewer(
	year: int, filters=None, user: str | None = None, brief: bool = False
) -> list[dict]:
	"""Per rule, every interviewer unit of `user`'s branch (the session user's by default) that owes
	interviews under it: how many units it owes (`owed`) and how many are covered (`done`), in rule order
	and then tree order. `brief`: without the interviewer's unit name and bounds (a province has thousands
	of rows: what the database sends is what costs)."""
	filters = frappe._dict(filters or {})
	ranges = get_scope_ranges(user)
	rows = []
	for index, rule in enumerate(configured_rules(), 1):
		for interviewer, *details, owed, done in _per_interviewer(rule, year, filters, ranges, brief).run():
			owed, done = int(owed), int(done or 0)
			row = {
				"rule": index,
				"interviewer_type": rule.interviewer_type,
				"interviewee_type": rule.interviewee_type,
				"positions": rule.positions,
				"min_interviews": rule.min_interviews,
				"interviewer": interviewer,
				"owed": owed,
				"done": done,
				"missing": owed - done,
			}
			if not brief:
				row["interviewer_name"], row["lft"], row["rgt"] = details
			rows.append(row)
	return rows


def coverage_totals(year: int, filters=None, user: str | None = None) -> list[dict]:
	"""Per rule with owed units in `user`'s branch: the units owed (`owed`), covered (`done`) and not
	(`missing`), summed in the database (a card's figure without a province's thousands of rows)."""
	filters = frappe._dict(filters or {})
	ranges = get_scope_ranges(user)
	totals = []
	for index, rule in enumerate(configured_rules(), 1):
		query, _owed, _interviewer, covered = _owed_query(rule, year, filters, ranges)
		row = query.select(
			Count("*").as_("owed"), Sum(_flag(Criterion.all(covered.values()))).as_("done")
		).run(as_dict=True)[0]
		if row.owed:
			owed, done = int(row.owed), int(row.done or 0)
			totals.append({"rule": index, "owed": owed, "done": done, "missing": owed - done})
	return totals


def first_owed(year: int, wanted: dict[int, set], first: int, filters=None, user: str | None = None) -> dict:
	"""(rule number, interviewer) -> the first `first` units (tree order) the interviewer still owes under
	the rule, as (unit name, posts not yet interviewed), for the interviewers `wanted` per rule number; cut
	in the database (a report's page names a few units per row, whatever the interviewer owes)."""
	ranges = get_scope_ranges(user)
	found = {}
	for index, rule in enumerate(configured_rules(), 1):
		if not wanted.get(index):
			continue
		asked = frappe._dict(filters or {}, interviewers=wanted[index])
		query, owed, interviewer, covered = _owed_query(rule, year, asked, ranges)
		unit = Concat_ws(FIELD_SEPARATOR, owed.unit_name, *(_flag(c) for c in covered.values()))
		rows = (
			query.select(interviewer.name, FirstInOrder(unit, owed.lft, first))
			.where(Not(Criterion.all(covered.values())))
			.groupby(interviewer.name)
			.run()
		)
		for name, text in rows:
			found[(index, name)] = [
				(unit_name, _missing(rule, flags))
				for unit_name, *flags in (
					value.split(FIELD_SEPARATOR) for value in text.split(VALUE_SEPARATOR)
				)
			]
	return found


def owed_units(year: int, filters=None, user: str | None = None) -> list[dict]:
	"""The units still owed their interviews this year, per rule and interviewer of `user`'s branch, with
	the posts not yet interviewed (none listed: the unit itself). `filters.interviewers` narrows to some
	interviewer units."""
	filters = frappe._dict(filters or {})
	ranges = get_scope_ranges(user)
	rows = []
	for index, rule in enumerate(configured_rules(), 1):
		query, owed, interviewer, covered = _owed_query(rule, year, filters, ranges)
		flags = [_flag(criterion).as_(f"covered_{i}") for i, criterion in enumerate(covered.values())]
		found = (
			query.select(
				interviewer.name.as_("interviewer"),
				owed.name.as_("unit"),
				owed.unit_name,
				*flags,
			)
			.where(Not(Criterion.all(covered.values())))
			.orderby(interviewer.lft)
			.orderby(owed.lft)
			.run(as_dict=True)
		)
		for row in found:
			rows.append(
				{
					"rule": index,
					"interviewer_type": rule.interviewer_type,
					"interviewee_type": rule.interviewee_type,
					"interviewer": row.interviewer,
					"unit": row.unit,
					"unit_name": row.unit_name,
					"missing_positions": _missing(rule, [row[f"covered_{i}"] for i in range(len(flags))]),
				}
			)
	return rows


def _missing(rule: Rule, flags) -> tuple[str, ...]:
	"""The rule's posts whose flag says not covered (none for a rule on the unit itself)."""
	return tuple(p for p, flag in zip(rule.positions, flags, strict=False) if not int(flag))


# -- the county's first-level report (年度约谈覆盖) ---------------------------------------------------------


def coverage_for_reader(
	year: int | None = None,
	county: str | None = None,
	unit: str | None = None,
	department_category: str | None = None,
) -> list[dict]:
	"""Interview coverage of the first-level units of `county` (all counties when empty) that the reader
	may see, narrowed to the branch of `unit` and to a department category when given; refused to anyone
	but the county's discipline commission and leaders."""
	units = readable_first_level_units(year, county, unit, department_category)
	return interview_coverage(int(year or v.current_year()), units=units)


def readable_first_level_units(year, county, unit, department_category) -> list[dict]:
	"""The first-level units `coverage_for_reader` reports on (the reader's role and the filters checked)."""
	if not has_any_role(v.COUNTY_READER_ROLES):
		frappe.throw(
			_("Only the county's discipline commission and leaders can read interview coverage."),
			frappe.PermissionError,
		)
	check_coverage_filters(year, county, unit, department_category)
	# first-level units of the county asked for, inside the reader's own branch when the reader is scoped
	units = first_level_units(frappe._dict(unit=county, department_category=department_category))
	if unit:
		lft, rgt = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"]) or (0, -1)
		# a first-level unit inside the chosen branch, or the one that contains it
		units = [u for u in units if lft <= u.lft <= rgt or (u.lft <= lft and rgt <= u.rgt)]
	return units


def check_coverage_filters(year, county, unit, department_category) -> None:
	"""The filters name a real year, county, unit and category: a typo is refused, not answered with an
	empty list."""
	if year is not None and not (MIN_YEAR <= int(year) <= MAX_YEAR):
		frappe.throw(_("{0} is not a valid year.").format(frappe.bold(year)), InvalidInputError)
	if county and frappe.db.get_value("TD Unit", county, "unit_type") != v.COUNTY:
		frappe.throw(_("{0} is not a county.").format(frappe.bold(county)), frappe.DoesNotExistError)
	if unit and not frappe.db.exists("TD Unit", unit):
		frappe.throw(_("Unit {0} not found.").format(frappe.bold(unit)), frappe.DoesNotExistError)
	if department_category and department_category not in v.DEPARTMENT_CATEGORIES:
		frappe.throw(
			_("{0} is not a department category.").format(frappe.bold(department_category)),
			InvalidInputError,
		)


def county_positions(unit_type: str) -> tuple[str, ...]:
	"""The posts the county's rule for `unit_type` names (the default posts when it names none)."""
	for rule in configured_rules():
		if rule.key == (v.COUNTY, unit_type) and rule.positions:
			return rule.positions
	return COVERED_POSITIONS


def interview_coverage(year: int, units: list[dict]) -> list[dict]:
	"""One row per post the county interviews (`county_positions`) of each of the given first-level units
	(see `report_filters.first_level_units`): who holds it today and the county's interviews of it held in
	`year`, matched as the rules match them. A post nobody holds shows as a row with no user."""
	return interview_coverage_page(year, units)["rows"]


def interview_coverage_page(year: int, units: list[dict], limit: int | None = None) -> dict:
	"""`interview_coverage` as a report's page: `rows`, the first `limit` posts (all when None), those not
	yet interviewed first, then in tree order; with the figures of every post: `posts`, `interviewed`, and
	`units_behind` (units with a post not interviewed). Only the page's rows are built and their holders
	read: a province has 12,000 posts."""
	if not units:
		return {"rows": [], "posts": 0, "interviewed": 0, "units_behind": 0}
	by_type = {t: county_positions(t) for t in {u.unit_type for u in units}}
	all_posts = tuple(dict.fromkeys(p for ps in by_type.values() for p in ps))
	interviewed = _county_interviewed_posts(units, all_posts, year)
	missing, held = [], []
	for unit in units:
		for position in by_type[unit.unit_type]:
			(held if (unit.name, position) in interviewed else missing).append((unit, position))
	chosen = (missing + held) if limit is None else (missing + held)[:limit]
	holder_of = _holders_today([u.name for u, _p in chosen], all_posts)
	# the interviews' names only for the posts shown that have any
	shown_held = list({u.name: u for u, p in chosen if (u.name, p) in interviewed}.values())
	interviews_of = _county_interviews_of_posts(shown_held, all_posts, year)
	rows = []
	for unit, position in chosen:
		member = holder_of.get((unit.name, position))
		interviews = sorted(interviews_of.get((unit.name, position), ()))
		rows.append(
			{
				"unit": unit.name,
				"unit_name": unit.unit_name,
				"unit_type": unit.unit_type,
				"department_category": unit.department_category,
				"position": position,
				"user": member.user if member else None,
				"full_name": member.full_name if member else None,
				"interviewed": bool(interviews),
				"interviews": interviews,
			}
		)
	return {
		"rows": rows,
		"posts": len(missing) + len(held),
		"interviewed": len(held),
		"units_behind": len({u.name for u, _p in missing}),
	}


def _holders_today(units: list[str], positions: tuple[str, ...]) -> dict:
	"""(unit, post) -> the member holding it today (the first in the table's order)."""
	if not units:
		return {}
	today = getdate(nowdate())
	Member = frappe.qb.DocType("TD Unit Member")
	holders = (
		frappe.qb.from_(Member)
		.select(Member.parent, Member.user, Member.full_name, Member.position)
		.where(
			(Member.parenttype == "TD Unit")
			& (Member.parentfield == "members")
			& Member.parent.isin(sorted(set(units)))
			& Member.position.isin(positions)
			& (Member.from_date.isnull() | (Member.from_date <= today))
			& (Member.to_date.isnull() | (Member.to_date >= today))
		)
		.orderby(Member.idx)
		.run(as_dict=True)
	)
	holder_of: dict[tuple[str, str], dict] = {}
	for m in holders:
		holder_of.setdefault((m.parent, m.position), m)
	return holder_of


def _county_marks(units: list[dict], positions: tuple[str, ...], year: int):
	"""The county's marks (as `_covered` reads them) on the given posts of the given first-level units'
	types in `year`: read by their types and the span of the tree they lie in, not by a list of thousands
	of names (the caller keeps those of `units`)."""
	Unit = frappe.qb.DocType("TD Unit").as_("c")
	Mark = frappe.qb.DocType(coverage_marks.DOCTYPE).as_("k")
	query = (
		frappe.qb.from_(Unit)
		.join(Mark)
		.on(Mark.unit == Unit.name)
		.where(
			Unit.unit_type.isin(sorted({u.unit_type for u in units}))
			& Unit.lft[min(u.lft for u in units) : max(u.rgt for u in units)]
			& (Mark.year == year)
			& Mark.position.isin(positions)
			& ((Mark.interviewer_unit == Unit.parent_td_unit) | (Mark.interviewer_unit == ""))
		)
	)
	return query, Unit, Mark


def _county_interviewed_posts(units: list[dict], positions: tuple[str, ...], year: int) -> set:
	"""(unit, post) the county interviewed in `year`, of the given first-level units: each post once,
	whatever the number of its interviews (read from the index alone)."""
	names = {u.name for u in units}
	query, Unit, Mark = _county_marks(units, positions, year)
	return {
		(unit, position)
		for unit, position in query.select(Unit.name, Mark.position).distinct().run()
		if unit in names
	}


def _county_interviews_of_posts(units: list[dict], positions: tuple[str, ...], year: int) -> dict:
	"""(unit, post) -> the names of the county's interviews of it held in `year`, for the given first-level
	units (those of a page: their names are asked for)."""
	if not units:
		return {}
	names = {u.name for u in units}
	query, Unit, Mark = _county_marks(units, positions, year)
	if len(names) <= 1000:  # a page: its units by name
		query = query.where(Unit.name.isin(sorted(names)))
	found: dict[tuple[str, str], set[str]] = {}
	for unit, position, interview in query.select(Unit.name, Mark.position, Mark.interview).run():
		if unit in names:
			found.setdefault((unit, position), set()).add(interview)
	return found
