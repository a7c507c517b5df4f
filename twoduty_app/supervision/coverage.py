"""The yearly interview rule: the discipline commission interviews the unit head and the discipline
secretary of every directly subordinate unit (townships and county departments) at least once a year."""

import frappe
from frappe import _

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import year_bounds
from twoduty_app.common.inputs import InvalidInputError
from twoduty_app.permissions.roles import has_any_role
from twoduty_app.units.report_filters import first_level_units

COVERED_POSITIONS = (v.UNIT_HEAD, v.DISCIPLINE_SECRETARY)
# the years a report can be asked for
MIN_YEAR, MAX_YEAR = 2000, 2100


def coverage_for_reader(
	year: int | None = None,
	county: str | None = None,
	unit: str | None = None,
	department_category: str | None = None,
) -> list[dict]:
	"""Interview coverage of the first-level units of `county` (all counties when empty) that the reader
	may see, narrowed to the branch of `unit` and to a department category when given; refused to anyone
	but the county's discipline commission and leaders."""
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
	return interview_coverage(int(year or v.current_year()), units=units)


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


def interview_coverage(year: int, units: list[dict]) -> list[dict]:
	"""One row per unit head / discipline secretary of each of the given first-level units (see
	`report_filters.first_level_units`), with the interviews they had in `year` (held ones only). A
	position nobody holds shows as a row with no user, not interviewed."""
	if not units:
		return []
	names = [u.name for u in units]

	Member = frappe.qb.DocType("TD Unit Member")
	members = (
		frappe.qb.from_(Member)
		.select(Member.parent, Member.user, Member.full_name, Member.position)
		.where(
			(Member.parenttype == "TD Unit")
			& Member.parent.isin(names)
			& Member.position.isin(COVERED_POSITIONS)
		)
		.run(as_dict=True)
	)
	Interview = frappe.qb.DocType("TD Interview")
	year_start, year_end = year_bounds(year)
	Interviewee = frappe.qb.DocType("TD Interviewee")
	held = (
		frappe.qb.from_(Interviewee)
		.join(Interview)
		.on(Interviewee.parent == Interview.name)
		.select(Interviewee.user, Interview.name, Interview.held_on)
		.where(
			(Interviewee.parenttype == "TD Interview")
			& Interview.status.isin(v.HELD_STATUSES)
			& Interview.held_on[year_start:year_end]
			& Interviewee.user.isin([m.user for m in members] or [""])
		)
		.run(as_dict=True)
	)
	interviews_of: dict[str, list[str]] = {}
	for row in held:
		interviews_of.setdefault(row.user, []).append(row.name)

	by_unit: dict[str, dict[str, dict]] = {}
	for m in members:
		by_unit.setdefault(m.parent, {})[m.position] = m
	rows = []
	for unit in units:
		for position in COVERED_POSITIONS:
			member = by_unit.get(unit.name, {}).get(position)
			user = member.user if member else None
			interviews = sorted(set(interviews_of.get(user, []))) if user else []
			rows.append(
				{
					"unit": unit.name,
					"unit_name": unit.unit_name,
					"unit_type": unit.unit_type,
					"department_category": unit.department_category,
					"position": position,
					"user": user,
					"full_name": member.full_name if member else None,
					"interviewed": bool(interviews),
					"interviews": interviews,
				}
			)
	return rows
