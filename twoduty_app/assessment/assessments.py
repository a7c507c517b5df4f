"""The year-end assessment (考核) of each first-level unit: built from the year's scheme, its automatic
indicators filled from the unit's data, self-scored by the unit (自评), scored by each member of the
assessment team (考核组), averaged, totalled and graded; Draft → Self-Assessed → Under Review → Finalised.

Who does what:
- the unit's own members fill in the self-scores while the assessment is a draft and submit them;
- the county (its administrators and inspectors) names the team, refreshes the automatic figures, starts
  the review and (administrators) finalises; a finalised assessment is submitted and no longer changes;
- each assessor enters their own scores while the assessment is under review; an assessor may not be a
  member of the unit assessed, of a unit below it or of a unit above it (the team scores only units outside
  its own branch)."""

import json

import frappe
from frappe import _
from frappe.utils import cint, flt, now_datetime

from twoduty_app.assessment import scoring
from twoduty_app.assessment.schemes import check_year
from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import InvalidInputError
from twoduty_app.common.notify import notify
from twoduty_app.exceptions import AssessmentError
from twoduty_app.permissions.roles import has_any_role
from twoduty_app.permissions.unit_scope import get_scope_roots, is_unit_in_scope

DOCTYPE = "TD Assessment"
SCHEME = "TD Assessment Scheme"
# what a unit member may change on its assessment (and only while it is a draft)
SELF_FIELDS = ("self_score", "self_explanation")
# what an assessment copies from its scheme's indicator
INDICATOR_FIELDS = ("section", "indicator", "points", "method")


def comparison_group(unit) -> str:
	"""The ranking's category: 乡镇, or the department's category (政府部门, 党群部门, 省市驻县单位)."""
	return v.TOWNSHIP if unit.unit_type == v.TOWNSHIP else (unit.department_category or "")


def unit_row(name: str):
	return frappe.db.get_value(
		"TD Unit", name, ["name", "unit_name", "unit_type", "department_category", "lft", "rgt"], as_dict=True
	)


def scheme_of(year: int):
	name = frappe.db.get_value(SCHEME, {"year": cint(year)}, "name")
	if not name:
		frappe.throw(
			_("There is no assessment scheme for {0}: draw it up first.").format(cint(year)),
			frappe.DoesNotExistError,
		)
	return frappe.get_doc(SCHEME, name)


# -- building and refreshing ---------------------------------------------------------------------------


def new_assessment(unit: str, year: int, scheme=None):
	"""An unsaved assessment of `unit` for `year`, its indicators copied from the scheme."""
	scheme = scheme or scheme_of(year)
	row = unit_row(unit)
	doc = frappe.new_doc(DOCTYPE)
	doc.update(
		{
			"unit": unit,
			"year": cint(year),
			"scheme": scheme.name,
			"comparison_group": comparison_group(row),
			"status": v.DRAFT,
		}
	)
	for number, indicator in enumerate(scheme.indicators, start=1):
		doc.append("scores", {"indicator_no": number, **{f: indicator.get(f) for f in INDICATOR_FIELDS}})
	refresh_figures(doc, scheme, row)
	return doc


def refresh_figures(doc, scheme=None, row=None) -> None:
	"""Fill the automatic indicators from the unit's data; on a new assessment the self-score of each starts
	at the automatic score."""
	scheme = scheme or frappe.get_doc(SCHEME, doc.scheme)
	row = row or unit_row(doc.unit)
	targets = {number: ind.target for number, ind in enumerate(scheme.indicators, start=1)}
	# the figures are kept as text in the site's language (whoever refreshed them, the nightly job included)
	reader_language, frappe.local.lang = frappe.local.lang, frappe.db.get_default("lang") or "zh"
	try:
		for score in doc.scores:
			if score.method == v.MANUAL:
				continue
			measured = scoring.measure(
				score.method, row, doc.year, score.points, targets.get(score.indicator_no)
			)
			score.auto_score, score.figures = measured.score, measured.figures
			if doc.is_new():
				score.self_score = measured.score
	finally:
		frappe.local.lang = reader_language
	doc.figures_as_of = now_datetime()
	compute_totals(doc, scheme)


def compute_totals(doc, scheme=None) -> None:
	"""Each indicator's team average and final score, the totals, the gap and the grade."""
	scheme = scheme or frappe.get_doc(SCHEME, doc.scheme)
	by_indicator: dict[int, list[float]] = {}
	for row in doc.team_scores:
		by_indicator.setdefault(cint(row.indicator_no), []).append(flt(row.score))
	for score in doc.scores:
		given = by_indicator.get(cint(score.indicator_no))
		score.team_score = round(sum(given) / len(given), 2) if given else None
		if score.method == v.MANUAL:
			score.final_score = score.team_score or 0
		else:
			score.final_score = score.auto_score or 0
	doc.max_points = round(sum(flt(s.points) for s in doc.scores), 2)
	doc.self_total = round(sum(flt(s.self_score) for s in doc.scores), 2)
	doc.final_total = round(sum(flt(s.final_score) for s in doc.scores), 2)
	doc.gap = round(doc.self_total - doc.final_total, 2)
	doc.grade = grade_of(doc.final_total, scheme) if doc.status in (v.UNDER_REVIEW, v.FINALISED) else None


def grade_of(total: float, scheme) -> str:
	if total >= flt(scheme.excellent_from):
		return v.GRADE_EXCELLENT
	if total >= flt(scheme.good_from):
		return v.GRADE_GOOD
	if total >= flt(scheme.fair_from):
		return v.GRADE_FAIR
	return v.GRADE_POOR


# -- generating the year's assessments -----------------------------------------------------------------


def first_level_units(county: str | None = None) -> list[str]:
	Unit = frappe.qb.DocType("TD Unit")
	query = frappe.qb.from_(Unit).select(Unit.name).where(Unit.unit_type.isin(v.FIRST_LEVEL_TYPES))
	if county:
		lft, rgt = frappe.db.get_value("TD Unit", county, ["lft", "rgt"])
		query = query.where(Unit.lft[lft:rgt])
	return query.orderby(Unit.lft).run(pluck=True)


def generate(year: int, county: str | None = None) -> dict:
	"""Create the year's assessment of every first-level unit (of `county`, or all) that has none, and
	refresh the automatic figures of those not yet under review. Idempotent: run it again at any time."""
	year = cint(year)
	scheme = scheme_of(year)
	existing = dict(frappe.get_all(DOCTYPE, filters={"year": year}, fields=["unit", "name"], as_list=True))
	created = refreshed = 0
	for unit in first_level_units(county):
		if unit in existing:
			doc = frappe.get_doc(DOCTYPE, existing[unit])
			if doc.status not in (v.DRAFT, v.SELF_ASSESSED):
				continue
			refresh_figures(doc, scheme)
			doc.flags.twoduty_system_change = True
			doc.save(ignore_permissions=True)
			refreshed += 1
		else:
			doc = new_assessment(unit, year, scheme)
			doc.flags.twoduty_system_change = True
			doc.insert(ignore_permissions=True)
			created += 1
	if created and not scheme.locked:
		scheme.db_set("locked", 1)
	return {"created": created, "refreshed": refreshed}


def enqueue_generate(year: int, county: str | None = None) -> None:
	"""One action for the county: the job runs on the long queue, once at a time per year."""
	check_county_staff(admin=True)
	year = check_year(year)
	if county and frappe.db.get_value("TD Unit", county, "unit_type") != v.COUNTY:
		frappe.throw(
			_("{0} is not a county.").format(frappe.bold(str(county)[:140])), frappe.DoesNotExistError
		)
	scheme_of(year)  # refused now rather than in the job
	frappe.enqueue(
		"twoduty_app.assessment.assessments.generate",
		queue="long",
		job_id=f"twoduty-assessments-{cint(year)}",
		deduplicate=True,
		year=cint(year),
		county=county,
		enqueue_after_commit=True,
	)


# -- who may do what -----------------------------------------------------------------------------------


def is_county(user: str | None = None) -> bool:
	"""The county's discipline commission: its staff, members of no unit."""
	return has_any_role(v.COUNTY_STAFF_ROLES, user) and get_scope_roots(user) is None


def check_county_staff(admin: bool = False) -> None:
	roles = v.ADMIN_ROLES if admin else v.COUNTY_STAFF_ROLES
	if not (has_any_role(roles) and get_scope_roots() is None):
		frappe.throw(_("Only the county's discipline commission can do this."), frappe.PermissionError)


def is_own_unit(doc, user: str | None = None) -> bool:
	"""A member of the unit assessed (or of a unit above it): the unit's own side of the assessment."""
	return get_scope_roots(user) is not None and is_unit_in_scope(doc.unit, user)


def branch_conflict(assessor: str, unit: str) -> bool:
	"""The assessor is a current member of the unit, of a unit below it or of a unit above it."""
	roots = get_scope_roots(assessor)
	if not roots:
		return False
	lft, rgt = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
	for root in roots:
		a, b = frappe.db.get_value("TD Unit", root, ["lft", "rgt"])
		if a <= lft <= b or lft <= a <= rgt:
			return True
	return False


def check_assessors(doc) -> None:
	seen = set()
	for row in doc.assessors:
		if row.assessor in seen:
			frappe.throw(_("{0} is named twice in the assessment team.").format(frappe.bold(row.assessor)))
		seen.add(row.assessor)
		if branch_conflict(row.assessor, doc.unit):
			frappe.throw(
				_(
					"{0} belongs to the unit assessed or to its branch: the assessment team scores only units outside its own branch."
				).format(frappe.bold(row.assessor_name or row.assessor)),
				AssessmentError,
			)


def parse_team_scores(doc, scores) -> list[dict]:
	"""[{indicator_no, score, comment}] from the assessor's form, each score within its indicator's points."""
	if isinstance(scores, str):
		try:
			scores = json.loads(scores)
		except ValueError:
			frappe.throw(_("The scores could not be read."), InvalidInputError)
	if not isinstance(scores, list):
		frappe.throw(_("The scores could not be read."), InvalidInputError)
	indicators = {cint(s.indicator_no): s for s in doc.scores}
	rows, seen = [], set()
	for entry in scores:
		if not isinstance(entry, dict):
			frappe.throw(_("The scores could not be read."), InvalidInputError)
		number = cint(entry.get("indicator_no"))
		indicator = indicators.get(number)
		if not indicator or number in seen:
			frappe.throw(_("Indicator {0} is not in this assessment.").format(number), InvalidInputError)
		seen.add(number)
		try:
			value = float(entry.get("score"))
		except (TypeError, ValueError):
			frappe.throw(_("Indicator {0}: the score must be a number.").format(number), InvalidInputError)
		check_score(value, indicator)
		rows.append({"indicator_no": number, "score": value, "comment": (entry.get("comment") or "").strip()})
	return rows


def check_score(value, indicator) -> None:
	if value is None or not (0 <= flt(value) <= flt(indicator.points)):
		frappe.throw(
			_("Indicator {0}: a score goes from 0 to its {1} points.").format(
				indicator.indicator_no, f"{flt(indicator.points):g}"
			),
			InvalidInputError,
		)


# -- who is told -----------------------------------------------------------------------------------------


def unit_people(unit: str) -> list[str]:
	"""The unit's own current members (not those of the units above or below it)."""
	return frappe.get_all(
		"TD Unit Member",
		filters={"parent": unit, "parenttype": "TD Unit", "parentfield": "members", "is_current": 1},
		pluck="user",
	)


def tell_team(doc) -> None:
	"""The review has started: each assessor is asked for their scores."""
	notify(
		[r.assessor for r in doc.assessors],
		DOCTYPE,
		doc.name,
		lambda lang: _("Please score the {0} assessment of {1}", lang=lang).format(doc.year, doc.unit_name),
		lambda lang: _(
			"{0} has submitted its self-assessment: enter your scores in the assessment form.", lang=lang
		).format(doc.unit_name),
	)


def tell_unit(doc, returned: bool = False) -> None:
	"""The unit's own people: its self-assessment sent back, or its assessment finalised with its result."""

	def subject(lang):
		if returned:
			return _("The {0} assessment is returned for a new self-assessment", lang=lang).format(doc.year)
		return _("The {0} assessment is finalised", lang=lang).format(doc.year)

	def body(lang):
		if returned:
			return _("The county has returned the self-assessment of {0}.", lang=lang).format(doc.unit_name)
		return _("{0}: final total {1}, grade {2}.", lang=lang).format(
			doc.unit_name, f"{flt(doc.final_total):g}", _(doc.grade, lang=lang, context=DOCTYPE)
		)

	notify(unit_people(doc.unit), DOCTYPE, doc.name, subject, body)
