"""The year-end assessment (考核), as the real roles: the automatic indicators equal counts of the raw rows;
the unit self-scores, two assessors score, their average and the grade follow; a finalised assessment no
longer changes through any door; the team scores only units outside its own branch; a unit reads its own
assessment only (list, form, REST, report, print, the rows of its tables) while its assessor reads it too;
the ranking goes by category; generating is idempotent; a closed year refuses changes except through a late
change (补录) the county approved.

The world and its assessments are committed (REST requests run on their own connections) and removed at
the end, with the year's scheme when this module made it."""

import json

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests import http
from tests.factories import CountyWorld, make_county_viewer, make_county_world, make_task
from tests.mail import mails_to
from tests.test_print import pdf_text
from twoduty_app.assessment import assessments, schemes
from twoduty_app.common import vocabulary as v
from twoduty_app.exceptions import AssessmentError, YearClosedError

YEAR = getdate(today()).year
DOCTYPE = "TD Assessment"


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	w.extra["scoped_viewer"] = make_county_viewer(w)
	frappe.set_user("Administrator")
	made_scheme = not frappe.db.exists(schemes.SCHEME, {"year": YEAR})
	if made_scheme:
		schemes.make_scheme(YEAR)
	w.extra["scheme"] = frappe.db.get_value(schemes.SCHEME, {"year": YEAR}, "name")
	a = w.a.unit
	# township A's year: one task closed on time, one open past its deadline, two education activities, one
	# 三重一大 record taken without a meeting and one taken properly
	frappe.set_user(w.inspector)
	w.extra["overdue"] = make_task(a)
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"TD Rectification Task", w.extra["overdue"], "deadline", add_days(today(), -3), update_modified=False
	)
	for kind, topic in (("Warning Education", "警示教育大会"), ("Integrity Party Lecture", "廉政党课")):
		frappe.get_doc(
			{
				"doctype": "TD Education Activity",
				"unit": a,
				"activity_kind": kind,
				"topic": topic,
				"activity_date": today(),
			}
		).insert(ignore_permissions=True)
	decision = {
		"doctype": "TD Major Decision",
		"unit": a,
		"decision_kind": "Major Matter Decision",
		"decision_date": today(),
	}
	frappe.get_doc({**decision, "subject": "村道硬化项目", "meeting_kind": "No Meeting Held"}).insert(
		ignore_permissions=True
	)
	frappe.get_doc(
		{
			**decision,
			"subject": "年度预算安排",
			"meeting_kind": "Party Committee Meeting",
			"meeting_date": today(),
			"attendees": [
				{"person": w.a.team_member, "position": "Team Member", "present": 1, "speaking_order": 1},
				{
					"person": w.a.secretary,
					"position": "Discipline Secretary",
					"present": 1,
					"speaking_order": 2,
				},
				{"person": w.a.head, "position": "Unit Head", "present": 1, "speaking_order": 3},
			],
		}
	).insert(ignore_permissions=True)
	assessments.generate(YEAR, county=w.county)
	w.extra["names"] = dict(
		frappe.get_all(
			DOCTYPE,
			filters={"year": YEAR, "unit": ["in", [a, w.b.unit, w.department]]},
			fields=["unit", "name"],
			as_list=True,
		)
	)
	frappe.db.commit()
	people = (
		w.admin,
		w.inspector,
		w.viewer,
		w.a.liaison,
		w.a.head,
		w.b.liaison,
		w.b.secretary,
		w.a.secretary,
	)
	w.extra["tokens"] = {u: http.api_token(u) for u in people}
	yield w
	frappe.set_user("Administrator")
	frappe.db.rollback()
	names = list(w.extra["names"].values())
	for table in ("TD Assessment Score", "TD Assessment Assessor", "TD Assessment Team Score"):
		frappe.db.delete(table, {"parent": ["in", names]})
	frappe.db.delete(DOCTYPE, {"name": ["in", names]})
	if made_scheme and not frappe.db.exists(DOCTYPE, {"year": YEAR}):
		frappe.db.delete("TD Assessment Indicator", {"parent": w.extra["scheme"]})
		frappe.db.delete(schemes.SCHEME, {"name": w.extra["scheme"]})
	frappe.db.commit()
	schemes.clear_closed_years()


@pytest.fixture(autouse=True)
def _nothing_left_uncommitted():
	yield
	frappe.set_user("Administrator")
	frappe.db.rollback()
	schemes.clear_closed_years()


def token(w, user):
	return w.extra["tokens"][user]


def of(w, unit):
	return frappe.get_doc(DOCTYPE, w.extra["names"][unit])


def row(doc, method):
	return next(s for s in doc.scores if s.method == method)


# -- the automatic indicators ------------------------------------------------------------------------


def test_each_first_level_unit_has_one_assessment_and_generating_again_adds_none(world):
	w = world
	assert set(w.extra["names"]) == {w.a.unit, w.b.unit, w.department}
	before = frappe.db.count(DOCTYPE, {"year": YEAR})
	result = assessments.generate(YEAR, county=w.county)
	assert result["created"] == 0 and result["refreshed"] == 3
	assert frappe.db.count(DOCTYPE, {"year": YEAR}) == before
	doc = of(w, w.a.unit)
	assert (
		doc.comparison_group == v.TOWNSHIP and of(w, w.department).comparison_group == "Government Department"
	)
	assert [s.indicator for s in doc.scores] == [
		r["indicator"] for r in schemes.default_rows()
	] or doc.scheme != str(YEAR)


def test_automatic_indicators_equal_counts_of_the_raw_rows(world):
	w = world
	doc = of(w, w.a.unit)
	a = frappe.db.get_value("TD Unit", w.a.unit, ["lft", "rgt"])
	# open past their deadline, issued this year, in A's branch: counted straight from the tables
	overdue = frappe.db.sql(
		"""select count(*) from `tabTD Rectification Task` t join `tabTD Unit` u on u.name = t.unit
		where u.lft between %s and %s and year(t.issued_on) = %s and t.deadline < curdate()
		and t.workflow_state not in ('Draft', 'Closed Out', 'Task Revoked')""",
		(a[0], a[1], YEAR),
	)[0][0]
	assert overdue >= 1
	deduction = row(doc, v.MEASURE_OVERDUE)
	per_item = frappe.db.get_value(
		"TD Assessment Indicator", {"parent": doc.scheme, "method": v.MEASURE_OVERDUE}, "target"
	)
	assert deduction.auto_score == max(0, deduction.points - per_item * overdue)
	assert str(overdue) in deduction.figures
	held = frappe.db.sql(
		"select count(*) from `tabTD Education Activity` where unit = %s and year = %s", (w.a.unit, YEAR)
	)[0][0]
	assert held == 2
	education = row(doc, v.MEASURE_EDUCATION)
	target = frappe.db.get_value(
		"TD Assessment Indicator", {"parent": doc.scheme, "method": v.MEASURE_EDUCATION}, "target"
	)
	assert education.auto_score == round(education.points * min(1, held / target), 2)
	total, flagged = frappe.db.sql(
		"select count(*), sum(flagged) from `tabTD Major Decision` where unit = %s and year = %s",
		(w.a.unit, YEAR),
	)[0]
	assert (total, flagged) == (2, 1)
	decisions = row(doc, v.MEASURE_DECISIONS)
	assert decisions.auto_score == round(decisions.points * (total - flagged) / total, 2)
	tasks = row(doc, v.MEASURE_TASKS_ON_TIME)
	assert tasks.auto_score == 0 and "0" in tasks.figures  # its one task is open: none closed on time
	# township B has no task, no activity, no record: full points where nothing was owed, none where the
	# record itself is missing (无记录不得分)
	b = of(w, w.b.unit)
	assert row(b, v.MEASURE_TASKS_ON_TIME).auto_score == row(b, v.MEASURE_TASKS_ON_TIME).points
	assert row(b, v.MEASURE_DECISIONS).auto_score == 0
	assert row(b, v.MEASURE_EDUCATION).auto_score == 0


# -- the unit's self-assessment and the team's scores --------------------------------------------------


def test_a_unit_member_changes_only_its_self_scores_and_only_while_a_draft(world):
	w = world
	name = w.extra["names"][w.b.unit]
	doc = frappe.get_doc(DOCTYPE, name)
	manual = next(s for s in doc.scores if s.method == v.MANUAL)
	auto = row(doc, v.MEASURE_EDUCATION)
	body = {
		"scores": [
			{**s.as_dict(no_default_fields=True), "name": s.name}
			| (
				{"self_score": 7, "self_explanation": "四个亲自落实到位"}
				if s.name == manual.name
				else {"auto_score": 99}
				if s.name == auto.name
				else {}
			)
			for s in doc.scores
		]
	}
	resp = http.put(f"/api/resource/{DOCTYPE}/{name}", token(w, w.b.liaison), body)
	assert resp.status == 200, resp.text
	frappe.db.rollback()  # a new snapshot: the request committed on its own connection
	doc.reload()
	assert next(s for s in doc.scores if s.name == manual.name).self_score == 7
	assert row(doc, v.MEASURE_EDUCATION).auto_score == auto.auto_score  # put back as computed
	# the county does not fill in a unit's self-assessment, and a unit does not name its team
	resp = http.put(
		f"/api/resource/{DOCTYPE}/{name}",
		token(w, w.inspector),
		{"scores": [{"name": manual.name, "self_score": 1}]},
	)
	assert resp.status == 403
	resp = http.put(
		f"/api/resource/{DOCTYPE}/{name}", token(w, w.b.liaison), {"assessors": [{"assessor": w.b.liaison}]}
	)
	assert resp.status in (403, 417)
	frappe.db.rollback()
	doc.reload()
	assert doc.assessors == []
	# out of range: refused in the user's language, nothing saved
	frappe.set_user(w.b.liaison)
	frappe.local.lang = "zh"
	doc = frappe.get_doc(DOCTYPE, name)
	next(s for s in doc.scores if s.name == manual.name).self_score = 150
	with pytest.raises(frappe.ValidationError) as refused:
		doc.save()
	assert "分" in str(refused.value)
	frappe.db.rollback()
	assert frappe.db.get_value("TD Assessment Score", manual.name, "self_score") == 7


def test_self_score_two_assessors_average_grade_and_finalised_is_kept(world):
	w = world
	name = w.extra["names"][w.a.unit]
	# the unit submits its self-assessment
	frappe.set_user(w.a.head)
	frappe.get_doc(DOCTYPE, name).submit_self_assessment()
	# the county names the team: an inspector and township B's discipline secretary (cross-assessment)
	frappe.set_user(w.inspector)
	doc = frappe.get_doc(DOCTYPE, name)
	doc.append("assessors", {"assessor": w.inspector})
	doc.append("assessors", {"assessor": w.b.secretary})
	doc.save()
	doc.start_review()
	manual = [s for s in doc.scores if s.method == v.MANUAL]
	assert len(manual) == 3
	given = {w.inspector: [8, 7, 12], w.b.secretary: [9, 8, 13]}
	for assessor, values in given.items():
		frappe.set_user(assessor)
		frappe.get_doc(DOCTYPE, name).save_team_scores(
			json.dumps(
				[
					{"indicator_no": s.indicator_no, "score": x, "comment": "查阅资料"}
					for s, x in zip(manual, values, strict=True)
				]
			)
		)
	frappe.set_user(w.admin)
	doc = frappe.get_doc(DOCTYPE, name)
	for i, score in enumerate(manual):
		kept = next(s for s in doc.scores if s.indicator_no == score.indicator_no)
		average = (given[w.inspector][i] + given[w.b.secretary][i]) / 2
		assert kept.team_score == average and kept.final_score == average
	expected = sum(s.final_score for s in doc.scores)
	assert doc.final_total == round(expected, 2)
	assert doc.gap == round(doc.self_total - doc.final_total, 2)
	scheme = frappe.get_doc(schemes.SCHEME, doc.scheme)
	assert doc.grade == assessments.grade_of(doc.final_total, scheme)
	doc.finalise()
	frappe.db.commit()
	doc.reload()
	assert (doc.status, doc.docstatus) == (v.FINALISED, 1)
	# mail: each assessor was asked for their scores, the unit's own people told the result; nobody else
	for assessor in (w.inspector, w.b.secretary):
		assert any(doc.unit_name in subject for subject, _body in mails_to(assessor))
	result = f"{doc.final_total:g}"
	told = [body for subject, body in mails_to(w.a.head) if "定档" in subject]
	assert told and result in told[0]
	for outsider in (w.b.head, w.b.liaison, w.viewer):
		assert not [s for s, body in mails_to(outsider) if doc.unit_name in body or doc.unit_name in s]
	# kept through every door: REST as the unit and as the county, an assessor's scores, a cancel
	score = doc.scores[0]
	for user in (w.a.liaison, w.admin):
		resp = http.put(
			f"/api/resource/{DOCTYPE}/{name}",
			token(w, user),
			{"scores": [{"name": score.name, "self_score": 0}]},
		)
		assert resp.status >= 400
	frappe.set_user(w.inspector)
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(DOCTYPE, name).save_team_scores([{"indicator_no": manual[0].indicator_no, "score": 1}])
	frappe.set_user(w.admin)
	with pytest.raises((frappe.ValidationError, frappe.PermissionError)):
		frappe.get_doc(DOCTYPE, name).cancel()
	frappe.db.rollback()
	doc.reload()
	assert doc.final_total == round(expected, 2) and doc.scores[0].self_score == score.self_score


def test_the_team_scores_only_units_outside_its_own_branch(world):
	w = world
	frappe.set_user(w.inspector)
	frappe.local.lang = "zh"
	doc = of(w, w.b.unit)
	doc.append("assessors", {"assessor": w.b.secretary})  # township B's own discipline secretary
	with pytest.raises(AssessmentError, match=r"分支|本单位"):
		doc.save()
	frappe.db.rollback()
	doc = of(w, w.b.unit)
	doc.append("assessors", {"assessor": w.extra["scoped_viewer"]})  # a member of the county unit above it
	with pytest.raises(AssessmentError):
		doc.save()


# -- doors -------------------------------------------------------------------------------------------


def doors(w, user, name) -> dict[str, bool]:
	t = token(w, user)
	seen = {}
	resp = http.get(f"/api/resource/{DOCTYPE}", t, limit_page_length=0)
	seen["REST list"] = resp.status == 200 and name in {r["name"] for r in resp.json()["data"]}
	seen["REST document"] = http.get(f"/api/resource/{DOCTYPE}/{name}", t).status == 200
	seen["form"] = (
		http.get("/api/method/frappe.desk.form.load.getdoc", t, doctype=DOCTYPE, name=name).status == 200
	)
	resp = http.get(
		"/api/resource/TD Assessment Score", t, parent=DOCTYPE, fields=["parent"], limit_page_length=0
	)
	seen["rows"] = resp.status == 200 and name in {r["parent"] for r in resp.json()["data"]}
	resp = http.post(
		"/api/method/frappe.desk.query_report.run",
		t,
		{"report_name": "Assessment Ranking", "filters": {"year": YEAR}},
	)
	seen["report"] = resp.status == 200 and name in {
		r.get("name") for r in resp.json()["message"]["result"] if isinstance(r, dict)
	}
	resp = http.get("/api/method/frappe.desk.search.search_link", t, doctype=DOCTYPE, txt=name)
	seen["link search"] = resp.status == 200 and name in {r["value"] for r in resp.json()["message"]}
	pdf = http.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		t,
		doctype=DOCTYPE,
		name=name,
		format="TD Assessment Sheet",
	)
	seen["PDF"] = pdf.status == 200 and pdf.body.startswith(b"%PDF")
	return seen


def test_a_unit_reads_its_own_assessment_and_not_another_units(world):
	w = world
	own = doors(w, w.a.liaison, w.extra["names"][w.a.unit])
	assert own == dict.fromkeys(own, True), own
	other = doors(w, w.b.liaison, w.extra["names"][w.a.unit])
	assert other == dict.fromkeys(other, False), other


def test_an_assessor_reads_the_assessment_they_score_and_prints_it(world):
	w = world
	name = w.extra["names"][w.a.unit]
	if frappe.db.get_value(DOCTYPE, name, "docstatus") != 1:
		pytest.skip("runs after the assessment was finalised (test above)")
	seen = doors(w, w.b.secretary, name)
	assert seen == dict.fromkeys(seen, True), seen
	pdf = http.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		token(w, w.b.secretary),
		doctype=DOCTYPE,
		name=name,
		format="TD Assessment Sheet",
	)
	text = pdf_text(pdf.body)
	doc = frappe.get_doc(DOCTYPE, name)
	grade = frappe._(doc.grade, lang="zh", context="TD Assessment")
	assert "考核评分表" in text and doc.unit_name.split("-")[0] in text and f"等次{grade}" in text
	assert "逾期未销号整改任务1件" in text  # an automatic indicator's figures, in the office's words
	assert f"{doc.final_total:g}" in text
	# but an assessor changes nothing of it except through their scores
	resp = http.put(f"/api/resource/{DOCTYPE}/{name}", token(w, w.b.secretary), {"assessors": []})
	assert resp.status >= 400


def test_ranking_goes_by_category(world):
	w = world
	from twoduty_app.assessment.report.assessment_ranking.assessment_ranking import execute

	frappe.set_user(w.viewer)
	_columns, rows, _message = execute({"year": YEAR, "unit": w.county})
	mine = [r for r in rows if r.unit in (w.a.unit, w.b.unit, w.department)]
	assert len(mine) == 3
	townships = [r for r in rows if r.unit in (w.a.unit, w.b.unit)]
	ordered = sorted(townships, key=lambda r: -r.final_total)
	assert [r.unit for r in ordered] == [r.unit for r in townships]
	assert townships[0].rank == 1 and townships[1].rank == (
		1 if townships[0].final_total == townships[1].final_total else 2
	)
	department = next(r for r in rows if r.unit == w.department)
	assert department.rank == 1  # first of its own category
	_columns, rows, _message = execute(
		{"year": YEAR, "comparison_group": "Government Department", "unit": w.county}
	)
	assert {r.unit for r in rows} == {w.department}
	frappe.set_user(w.a.liaison)
	_columns, rows, _message = execute({"year": YEAR})
	assert {r.unit for r in rows} == {w.a.unit}


# -- the scheme and the closed year ---------------------------------------------------------------------


def test_the_scheme_is_locked_once_assessments_exist_and_copied_to_next_year(world):
	w = world
	frappe.set_user(w.admin)
	scheme = frappe.get_doc(schemes.SCHEME, w.extra["scheme"])
	scheme.indicators[0].points = 1
	with pytest.raises(frappe.ValidationError):
		scheme.save()
	frappe.db.rollback()
	following = YEAR + 1
	if not frappe.db.exists(schemes.SCHEME, {"year": following}):
		name = schemes.make_scheme(following)
		copied = frappe.get_doc(schemes.SCHEME, name)
		assert [(r.indicator, r.points, r.method) for r in copied.indicators] == [
			(r.indicator, r.points, r.method)
			for r in frappe.get_doc(schemes.SCHEME, w.extra["scheme"]).indicators
		]
		assert copied.locked == 0
		assert copied.total_points == frappe.db.get_value(schemes.SCHEME, w.extra["scheme"], "total_points")


def test_a_closed_year_refuses_changes_except_through_an_approved_late_change(world):
	w = world
	frappe.set_user("Administrator")
	# every other assessment of the year finalised (in this test's transaction only, rolled back after)
	for name in frappe.get_all(DOCTYPE, filters={"year": YEAR, "docstatus": 0}, pluck="name"):
		frappe.db.set_value(DOCTYPE, name, {"status": v.FINALISED, "docstatus": 1}, update_modified=False)
	activity = frappe.get_all(
		"TD Education Activity", filters={"unit": w.a.unit, "year": YEAR}, pluck="name"
	)[0]
	frappe.set_user(w.inspector)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(schemes.SCHEME, w.extra["scheme"]).close_year()  # administrators only
	frappe.set_user(w.admin)
	frappe.get_doc(schemes.SCHEME, w.extra["scheme"]).close_year()
	assert YEAR in schemes.closed_years()
	frappe.set_user(w.a.liaison)
	frappe.local.lang = "zh"
	doc = frappe.get_doc("TD Education Activity", activity)
	doc.topic = "补充记录"
	with pytest.raises(YearClosedError, match="补录"):
		doc.save()
	new = {
		"doctype": "TD Education Activity",
		"unit": w.a.unit,
		"activity_kind": "Expert Briefing",
		"topic": "专家解读",
		"activity_date": today(),
	}
	with pytest.raises(YearClosedError):
		frappe.get_doc(new).insert()
	# the unit asks; the county approves; one change goes through and uses the approval
	request = frappe.get_doc(
		{
			"doctype": "TD Late Change",
			"unit": w.a.unit,
			"year": YEAR,
			"record_doctype": "TD Education Activity",
			"record_name": activity,
			"reason": "漏记参会人员",
		}
	).insert()
	assert any("申请补录" in subject for subject, _body in mails_to(w.inspector))  # the county is told
	assert not any("申请补录" in subject for subject, _body in mails_to(w.b.liaison))
	with pytest.raises(frappe.PermissionError):
		request.approve()  # not by the unit itself
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Late Change", request.name).approve("同意补录")
	assert any("补录申请已同意" in subject for subject, _body in mails_to(w.a.liaison))  # the one who asked
	frappe.set_user(w.a.liaison)
	doc = frappe.get_doc("TD Education Activity", activity)
	doc.topic = "补充记录"
	doc.save()
	used = frappe.get_doc("TD Late Change", request.name)
	assert (used.status, used.used_record) == (v.LATE_CHANGE_USED, activity)
	doc.reload()
	doc.topic = "再改一次"
	with pytest.raises(YearClosedError):
		doc.save()
	# a request for another unit's record is refused by the unit scope
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "TD Late Change",
				"unit": w.b.unit,
				"year": YEAR,
				"record_doctype": "TD Education Activity",
				"reason": "代报",
			}
		).insert()


def test_the_county_actions_refuse_a_bad_year_or_county_and_make_nothing(world):
	w = world
	from twoduty_app.api import assessment as api
	from twoduty_app.common.inputs import InvalidInputError

	frappe.set_user(w.admin)
	frappe.local.lang = "zh"
	schemes_before = frappe.db.count(schemes.SCHEME)
	for year in ("abc", 0, -1, 99999, True):
		with pytest.raises(InvalidInputError, match="年度"):
			schemes.make_scheme(year)
	with pytest.raises(frappe.FrappeTypeError):  # Frappe's own check of the method's argument types
		api.make_scheme("abc")
	with pytest.raises(frappe.DoesNotExistError, match="县级"):
		api.generate(YEAR, county=w.a.unit)
	with pytest.raises(frappe.DoesNotExistError):
		api.make_scheme(YEAR + 50, copy_from=YEAR + 49)
	assert frappe.db.count(schemes.SCHEME) == schemes_before
	frappe.set_user(w.inspector)
	with pytest.raises(frappe.PermissionError):
		api.generate(YEAR)
