"""The year's assessment scheme (考核方案): copied from last year's, or drawn from the default below.

The default follows the layers of the duty (党委集体领导责任, 第一责任人, 班子成员, 监督责任) with the
deductions the county applies at the end; the county edits it freely until the year's assessments exist,
then it is locked (an assessment's indicators are the scheme's)."""

import frappe
from frappe import _
from frappe.utils import cint

from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import InvalidInputError
from twoduty_app.supervision.coverage import MAX_YEAR, MIN_YEAR

SCHEME = "TD Assessment Scheme"
INDICATOR_FIELDS = ("section", "indicator", "points", "method", "target", "requirement", "scoring_guide")

# (section, indicator, points, method, target, requirement, scoring guide)
DEFAULT_INDICATORS = [
	(
		"党委（党组）集体领导责任",
		"责任清单事项按期履责纪实",
		12,
		v.MEASURE_DUTY_RECORDS,
		0,
		"认领责任清单，每项责任均有计入进度的履责纪实。",
		"按已纪实事项的权重占比计分。",
	),
	(
		"党委（党组）集体领导责任",
		"“三重一大”事项集体研究决定",
		8,
		v.MEASURE_DECISIONS,
		0,
		"“三重一大”事项经会议集体研究决定，主要负责人末位表态，纪委书记参会。",
		"按未发现问题的决策记录占比计分；无记录不得分。",
	),
	(
		"党委（党组）集体领导责任",
		"开展廉政教育",
		6,
		v.MEASURE_EDUCATION,
		4,
		"全年开展廉政党课、警示教育、知识测试等廉政教育活动不少于4次。",
		"每少1次按比例扣分。",
	),
	(
		"第一责任人责任",
		"主要负责人履行第一责任人职责，做到“四个亲自”",
		10,
		v.MANUAL,
		0,
		"亲自部署重要工作、亲自过问重大问题、亲自协调重点环节、亲自督办重要案件。",
		"查阅资料、个别谈话，酌情评分。",
	),
	(
		"第一责任人责任",
		"逐级约谈下级党组织主要负责人和纪委书记",
		8,
		v.MEASURE_COVERAGE,
		0,
		"按县纪委约谈规则，每年至少约谈一次下级单位党组织主要负责人和纪委书记。",
		"按已约谈单位占比计分。",
	),
	(
		"班子成员责任",
		"班子成员履行“一岗双责”",
		10,
		v.MANUAL,
		0,
		"班子成员对分管领域党风廉政建设负领导责任，定期研究、部署、检查、报告。",
		"查阅资料、个别谈话，酌情评分。",
	),
	(
		"监督责任",
		"纪委书记履行监督责任保障到位",
		8,
		v.MEASURE_CHECKLISTS,
		0,
		"监督责任保障清单、“七类图表”清单各项达标并经县纪委确认。",
		"按已达标并确认的清单事项占比计分。",
	),
	(
		"监督责任",
		"整改任务按期销号",
		12,
		v.MEASURE_TASKS_ON_TIME,
		0,
		"约谈、督查发现的问题按期整改到位，经复查销号。",
		"按期限内销号的任务占比计分。",
	),
	(
		"监督责任",
		"日常监督执纪问责",
		16,
		v.MANUAL,
		0,
		"开展日常监督检查，发现问题及时提醒、督办、问责。",
		"查阅资料、个别谈话，酌情评分。",
	),
	(
		"扣分项",
		"整改任务逾期未销号",
		5,
		v.MEASURE_OVERDUE,
		1,
		"整改任务按期完成。",
		"每件逾期未销号的任务扣1分，扣完为止。",
	),
	(
		"扣分项",
		"发生责任追究案件",
		5,
		v.MEASURE_CASES,
		2.5,
		"全年未发生须追究责任的问题。",
		"每作出一件问责决定扣2.5分，扣完为止。",
	),
]


def default_rows() -> list[dict]:
	return [dict(zip(INDICATOR_FIELDS, row, strict=True)) for row in DEFAULT_INDICATORS]


def make_scheme(year: int, copy_from: int | None = None) -> str:
	"""The scheme of `year`: a copy of `copy_from`'s (last year's when it exists) or the default."""
	year = check_year(year)
	if copy_from:
		check_year(copy_from)
	if frappe.db.exists(SCHEME, {"year": year}):
		frappe.throw(
			_("The assessment scheme for {0} already exists.").format(year), frappe.DuplicateEntryError
		)
	source = cint(copy_from) or (year - 1)
	previous = frappe.db.get_value(SCHEME, {"year": source}, "name")
	if copy_from and not previous:
		frappe.throw(_("There is no assessment scheme for {0}.").format(source), frappe.DoesNotExistError)
	doc = frappe.new_doc(SCHEME)
	doc.year = year
	doc.title = _("Assessment Scheme of {0} on the Two Duties").format(year)
	if previous:
		old = frappe.get_doc(SCHEME, previous)
		for field in ("excellent_from", "good_from", "fair_from"):
			doc.set(field, old.get(field))
		rows = [{f: row.get(f) for f in INDICATOR_FIELDS} for row in old.indicators]
	else:
		rows = default_rows()
	for row in rows:
		doc.append("indicators", row)
	doc.insert()
	return doc.name


def check_year(year) -> int:
	"""A year given by a person: a whole number in the years the app works with, or refused."""
	if isinstance(year, bool) or not str(year or "").strip().lstrip("-").isdigit():
		frappe.throw(_("{0} is not a valid year.").format(frappe.bold(str(year)[:20])), InvalidInputError)
	year = int(year)
	if not MIN_YEAR <= year <= MAX_YEAR:
		frappe.throw(_("{0} is not a valid year.").format(frappe.bold(year)), InvalidInputError)
	return year


def closed_years() -> set[int]:
	"""Years whose assessment is over and closed (cached; cleared whenever a scheme is saved)."""
	return set(
		frappe.cache.get_value(
			"twoduty_closed_years",
			lambda: frappe.get_all(SCHEME, filters={"year_closed": 1}, pluck="year"),
		)
		or ()
	)


def clear_closed_years() -> None:
	frappe.cache.delete_value("twoduty_closed_years")
