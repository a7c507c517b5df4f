"""The standard charts (七类图表) drawn from the unit's own data, printed in Chinese as the people who print
them: the duty list and its breakdown from the year's assignment, the supervision and accountability
workflows with the unit's counts (case figures for the county only), and the checklist lines they meet."""

import re
from urllib.parse import unquote_plus

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate, today

from tests import browser, http
from tests.factories import (
	bring_to_pending_recheck,
	make_case,
	make_county_viewer,
	make_county_world,
	make_inspection,
	make_interview,
	make_task,
	recheck,
)
from tests.test_print import keep_pages, normal, pdf_text
from twoduty_app.api.duty import create_checklists
from twoduty_app.common import vocabulary as v
from twoduty_app.responsibility.assignments import generate_assignments

YEAR = getdate(nowdate()).year
CHECKLIST = "TD Unit Checklist"
FORMATS = v.CHART_PRINT_FORMATS


def charts_template() -> str:
	return frappe.db.get_value("TD Checklist Template", {"seed_key": "standard-charts"})


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=False)
	frappe.set_user("Administrator")
	# 一岗双责: township A's team member oversees its east village
	unit = frappe.get_doc("TD Unit", w.a.unit)
	unit.append("oversight", {"user": w.a.team_member, "overseen_unit": w.a.villages[0]})
	unit.save()
	generate_assignments(YEAR, w.county, publish_progress=False)
	frappe.set_user(w.admin)
	create_checklists(YEAR, charts_template(), w.county)
	checklists = {
		key: frappe.db.get_value(CHECKLIST, {"unit": t.unit, "year": YEAR, "template": charts_template()})
		for key, t in (("a", w.a), ("b", w.b))
	}
	# township A's year: one interview held, one inspection, three tasks (closed out on time, failed its
	# recheck, only issued), two cases (one decided); township B has a task of its own
	make_interview(w, held=True, commitment="立即整改")
	make_inspection(w, w.a.unit, findings=[])
	frappe.set_user(w.inspector)
	closed, failed, issued = (
		make_task(w.a.unit, problem=p) for p in ("台账不全", "会议记录缺失", "制度未公开")
	)
	for task in (closed, failed):
		bring_to_pending_recheck(w, task)
	recheck(closed, w.inspector, "Pass")
	recheck(failed, w.inspector, "Fail", new_deadline=add_days(today(), 20))
	frappe.set_user(w.inspector)
	make_task(w.b.unit, problem="乙乡问题")
	# the escalation job's marks (its own tests prove when it sets them): the issued task was reminded and
	# put under a supervision notice, the failed one went on to an interview and a proposed case
	frappe.db.set_value("TD Rectification Task", issued, {"reminded_round": 1, "notice_round": 1})
	frappe.db.set_value(
		"TD Rectification Task", failed, {"reminded_round": 1, "interview_round": 1, "case_round": 1}
	)
	decided = make_case(w, decided=True)
	make_case(w).start_investigation()
	frappe.set_user("Administrator")
	w.extra.update(
		checklists=checklists,
		county_viewer=make_county_viewer(w),
		held_accountable=sum(1 for line in decided.lines if line.decided_handling != v.NO_ACCOUNTABILITY),
	)
	frappe.db.commit()
	return w


def chart(user: str, checklist: str, kind: str, as_pdf: bool = True):
	frappe.set_user(user)
	frappe.local.lang = "en"  # the charts print in Chinese whoever prints them
	try:
		out = frappe.get_print(CHECKLIST, checklist, FORMATS[kind], as_pdf=as_pdf)
	finally:
		frappe.set_user("Administrator")
	if as_pdf:
		keep_pages(out, FORMATS[kind])
		return pdf_text(out)
	return out


def has(text: str, words: str) -> bool:
	"""The PDF's text (normalised) carries `words`."""
	return normal(words) in text


def assignment_rows(unit: str) -> list:
	name = frappe.db.get_value("TD Duty Assignment", {"unit": unit, "year": YEAR})
	return frappe.get_doc("TD Duty Assignment", name).items


def test_duty_list_chart_prints_the_units_rows_by_layer_and_person(world):
	w = world
	text = chart(w.a.liaison, w.extra["checklists"]["a"], v.CHART_DUTY_LIST)
	assert "年度党风廉政建设责任清单" in text, text[
		:200
	]  # the year is in the heading font, which the extractor garbles
	rows = assignment_rows(w.a.unit)
	assert len(rows) > 10
	missing = [row.item_name for row in rows if normal(row.item_name) not in text]
	assert not missing, (missing, text[:600])
	for words in (
		"集体责任",
		"第一责任",
		"监督责任",
		"领导责任（一岗双责）",
		"甲乡书记",
		"甲乡纪委书记",
		"甲乡班子成员",
	):
		assert has(text, words), words
	assert has(text, "分管甲乡东村")  # the team member's overseen village
	assert "乙乡" not in text  # township B's people are not on A's list


def test_breakdown_chart_shows_who_carries_which_duty(world):
	w = world
	html = chart(w.a.head, w.extra["checklists"]["a"], v.CHART_DUTY_BREAKDOWN, as_pdf=False)
	assert f"{YEAR}年度党风廉政建设主体责任分解表" in html
	rows = assignment_rows(w.a.unit)
	names = {w.a.head: "甲乡书记", w.a.secretary: "甲乡纪委书记", w.a.team_member: "甲乡班子成员"}
	# one table row per holder: its cells read holder | post | duties | overseen units
	table_rows = {cells[0]: cells for cells in _table_rows(html)}
	for user, name in names.items():
		carried = [normal(r.item_name) for r in rows if r.responsible_user == user]
		assert carried, name
		cells = table_rows[name]
		assert all(item in cells[2] for item in carried), (name, cells)
	assert table_rows["甲乡班子成员"][1:4:2] == ["班子成员", "甲乡东村"]
	assert table_rows["甲乡书记"][1:4:2] == ["主要负责人", ""]
	collective = [normal(r.item_name) for r in rows if not r.responsible_user]
	assert collective and all(item in table_rows["领导班子"][2] for item in collective)
	assert table_rows["领导班子"][1] == "领导班子集体责任"
	# the leadership team first, then the Party secretary, the discipline secretary, the team member
	assert list(table_rows) == ["领导班子", "甲乡书记", "甲乡纪委书记", "甲乡班子成员"]
	pdf = chart(w.a.head, w.extra["checklists"]["a"], v.CHART_DUTY_BREAKDOWN)
	assert has(pdf, "分管联系单位（一岗双责）") and has(pdf, "甲乡班子成员") and has(pdf, "甲乡东村")


def _table_rows(html: str) -> list[list[str]]:
	"""The text of the cells of each data row of the chart's table (the heading row left out)."""
	rows = []
	for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
		cells = [normal(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
		if cells:
			rows.append(cells)
	return rows


def test_supervision_flow_shows_the_units_counts_of_the_year(world):
	w = world
	text = chart(w.a.liaison, w.extra["checklists"]["a"], v.CHART_SUPERVISION_FLOW)
	assert "年度监督检查工作流程图" in text
	for figure in (
		"开展约谈1次",
		"开展督查1次",
		"下发整改任务3件",  # township B's task is not counted
		"已下达：1件",
		"整改中：1件",
		"待复查：0件",
		"复查2次，通过1次，未通过1次",
		"已销号1件，其中按期销号1件",
	):
		assert has(text, figure), (figure, text)
	for step in ("约谈", "督查", "下发整改通知书", "整改", "复查", "销号"):
		assert step in text
	other = chart(w.b.liaison, w.extra["checklists"]["b"], v.CHART_SUPERVISION_FLOW)
	assert has(other, "下发整改任务1件") and has(other, "开展约谈0次") and has(other, "复查0次，")


def test_accountability_flow_shows_case_figures_to_the_county_only(world):
	w = world
	county = chart(w.inspector, w.extra["checklists"]["a"], v.CHART_ACCOUNTABILITY_FLOW)
	assert "年度责任追究流程图" in county
	for figure in ("下发整改任务3件", "提醒2件", "督办1件", "建议约谈1件", "建议问责1件"):
		assert has(county, figure), (figure, county)
	people = w.extra["held_accountable"]
	assert people >= 1
	assert has(county, f"问责案件2件，已作出问责决定1件，问责{people}人次"), county
	for user in (
		w.a.head,
		w.a.liaison,
		w.extra["county_viewer"],
	):  # the county viewer sits in the county unit
		unit = chart(user, w.extra["checklists"]["a"], v.CHART_ACCOUNTABILITY_FLOW)
		assert has(unit, "提醒2件") and has(unit, "督办1件") and has(unit, "建议约谈1件")
		assert "问责案件" not in unit and "建议问责" not in unit and "人次" not in unit, unit
		assert has(unit, "不在单位图表中显示")


def test_a_liaison_prints_its_own_units_charts_and_no_other(world):
	w = world
	token = http.api_token(w.a.liaison)
	for kind in v.GENERATED_CHARTS:
		own = http.get(
			"/api/method/frappe.utils.print_format.download_pdf",
			token,
			doctype=CHECKLIST,
			name=w.extra["checklists"]["a"],
			format=FORMATS[kind],
		)
		assert own.status == 200 and own.body.startswith(b"%PDF"), (kind, own.status)
		other = http.get(
			"/api/method/frappe.utils.print_format.download_pdf",
			token,
			doctype=CHECKLIST,
			name=w.extra["checklists"]["b"],
			format=FORMATS[kind],
		)
		assert other.status == 403 and not other.body.startswith(b"%PDF"), (kind, other.status)
	html = http.get(
		"/api/method/frappe.www.printview.get_html_and_style",
		token,
		doc=CHECKLIST,
		name=w.extra["checklists"]["b"],
		print_format=FORMATS[v.CHART_DUTY_LIST],
	)
	assert html.status == 403 and "乙乡书记" not in html.text
	rest = http.get(f"/api/resource/{CHECKLIST}/{w.extra['checklists']['b']}", token)
	assert rest.status == 403
	assert http.get(f"/api/resource/{CHECKLIST}/{w.extra['checklists']['a']}", token).status == 200


def test_chart_figures_are_refused_outside_a_checklist(world):
	from twoduty_app.responsibility.charts import chart_data

	w = world
	frappe.set_user(w.a.liaison)
	try:
		with pytest.raises(frappe.PermissionError):
			chart_data(frappe.get_doc(CHECKLIST, w.extra["checklists"]["b"]), v.CHART_DUTY_LIST)
		with pytest.raises(frappe.ValidationError):
			chart_data(frappe.get_doc("TD Unit", w.a.unit), v.CHART_DUTY_LIST)
	finally:
		frappe.set_user("Administrator")


def test_a_generated_line_is_met_by_the_data_without_upload(world):
	"""Next year's checklist comes before the year's assignment: the duty list and breakdown lines are not met
	(whatever the unit answers) until the assignment exists, then met with no file; the workflows are drawn
	from the cycle at once."""
	w = world
	year = YEAR + 1
	frappe.set_user(w.admin)
	create_checklists(year, charts_template(), w.county)
	name = frappe.db.get_value(CHECKLIST, {"unit": w.a.unit, "year": year, "template": charts_template()})

	def statuses() -> dict:
		doc = frappe.get_doc(CHECKLIST, name)
		return {line.generated_chart: line.status for line in doc.lines if line.generated_chart}

	assert statuses() == {
		v.CHART_DUTY_LIST: v.NOT_MET,
		v.CHART_DUTY_BREAKDOWN: v.NOT_MET,
		v.CHART_SUPERVISION_FLOW: v.MET,
		v.CHART_ACCOUNTABILITY_FLOW: v.MET,
	}
	# the unit cannot declare a generated chart met by hand
	frappe.set_user(w.a.liaison)
	doc = frappe.get_doc(CHECKLIST, name)
	for line in doc.lines:
		if line.generated_chart == v.CHART_DUTY_LIST:
			line.status = v.MET
	doc.save()
	assert statuses()[v.CHART_DUTY_LIST] == v.NOT_MET
	frappe.set_user("Administrator")
	generate_assignments(year, w.county, publish_progress=False)
	doc = frappe.get_doc(CHECKLIST, name)
	generated = [line for line in doc.lines if line.generated_chart]
	assert [line.status for line in generated] == [v.MET] * 4
	assert not any(line.evidence for line in generated)
	assert doc.met_count == 4
	# the lines the unit draws itself still wait for its answer
	assert [line.status for line in doc.lines if not line.generated_chart] == [None] * 3
	frappe.db.rollback()


def test_the_seed_and_the_patch_name_the_generators(world):
	from twoduty_app.patches.v0_2 import standard_chart_generators

	template = frappe.get_doc("TD Checklist Template", charts_template())
	expected = {
		"党风廉政建设责任清单": v.CHART_DUTY_LIST,
		"主体责任分解表": v.CHART_DUTY_BREAKDOWN,
		"监督检查工作流程图": v.CHART_SUPERVISION_FLOW,
		"责任追究流程图": v.CHART_ACCOUNTABILITY_FLOW,
	}
	assert {i.item_text: i.generated_chart for i in template.items if i.generated_chart} == expected
	# a site from before: the generators unset on the template and on an open line
	name = world.extra["checklists"]["b"]
	frappe.db.sql(
		"update `tabTD Checklist Template Item` set generated_chart = null where parent = %s", template.name
	)
	frappe.db.sql(
		"update `tabTD Unit Checklist Line` set generated_chart = null, status = null where parent = %s",
		name,
	)
	standard_chart_generators.execute()
	template = frappe.get_doc("TD Checklist Template", template.name)
	assert {i.item_text: i.generated_chart for i in template.items if i.generated_chart} == expected
	doc = frappe.get_doc(CHECKLIST, name)
	assert {line.item_text: line.generated_chart for line in doc.lines if line.generated_chart} == expected
	assert all(line.status == v.MET for line in doc.lines if line.generated_chart)
	frappe.db.rollback()


@pytest.mark.skipif(not browser.BASE, reason="needs the test web server (scripts/test.sh)")
def test_the_checklist_form_opens_each_generated_chart(world):
	"""On the desk the unit's checklist offers 生成图表 with one entry per generated chart, each opening the
	chart's PDF through Frappe's print door."""
	from selenium.webdriver.common.by import By
	from selenium.webdriver.support import expected_conditions as EC

	from tests.factories import PASSWORD

	name = world.extra["checklists"]["a"]
	driver = browser.make_driver()
	try:
		browser.login(driver, world.a.liaison, PASSWORD)
		driver.get(f"{browser.BASE}/app/td-unit-checklist/{name}")
		browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".form-layout")))
		browser.settle(2)
		group = driver.find_element(
			By.XPATH, "//div[contains(@class,'inner-group-button')]/button[contains(., '生成图表')]"
		)
		driver.execute_script("window.__opened = []; window.open = (url) => window.__opened.push(url);")
		entries = {}
		for label in ("责任清单", "主体责任分解表", "监督检查工作流程图", "责任追究流程图"):
			group.click()
			item = browser.wait(driver).until(
				EC.element_to_be_clickable(
					(
						By.XPATH,
						f"//div[contains(@class,'inner-group-button')]//a[normalize-space()='{label}']",
					)
				)
			)
			item.click()
			entries[label] = driver.execute_script("return window.__opened.slice(-1)[0]")
		browser.screenshot(driver, "desk-checklist-charts")
		assert not browser.js_errors(driver)
	finally:
		driver.quit()
	for label, chart in zip(entries, v.GENERATED_CHARTS, strict=True):
		url = entries[label]
		assert url.startswith("/api/method/frappe.utils.print_format.download_pdf?"), url
		params = dict(p.split("=", 1) for p in url.split("?", 1)[1].split("&"))
		assert unquote_plus(params["format"]) == FORMATS[chart] and unquote_plus(params["name"]) == name
