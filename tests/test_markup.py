"""Stored markup stays text: a problem, a comment, interview minutes or a unit's name that holds
`<script>` or `<img onerror>` is shown as those characters, never run and never turned into an element, in
every printed form and its PDF, in every mail the app sends, in the desk and on the phone page.

Frappe filters markup out of a value when a draft is saved, but not when a submitted record, a data import,
a patch or a direct write stores it; and the filter keeps an `<img>` (without its handler) as an element.
The world below therefore stores the payloads raw wherever the printed forms, the desk and the phone page
read them, and goes through the real roles' own steps where the mails are made."""

import csv
import io
import re

import frappe
import pytest
from bs4 import BeautifulSoup
from frappe.model.utils import user_settings
from frappe.utils import add_days, escape_html, getdate, nowdate, today
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from tests import browser
from tests.factories import (
	PASSWORD,
	bring_to_pending_recheck,
	make_case,
	make_county_world,
	make_interview,
	make_task,
	recheck,
)
from tests.mail import mails_to
from tests.test_print import normal, pdf_text
from twoduty_app.assessment import assessments, schemes
from twoduty_app.common import vocabulary as v
from twoduty_app.responsibility.assignments import generate_assignments
from twoduty_app.supervision.digests import monthly_summary, weekly_digest

SCRIPT = "<script>window.__xss=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__xss=1;alert(1)">'
PAYLOAD = f"甲{SCRIPT}乙{IMG}丙"
# rich text (Text Editor) as the desk's editor stores what a person types: the typed tags as text
TYPED_IN_EDITOR = f'<div class="ql-editor read-mode"><p>{escape_html(PAYLOAD)}</p></div>'
# rich text that arrived as markup (over REST, an import): its handlers and scripts must not survive
RICH = '<p>按期<span onclick="window.__xss=1">整改</span></p><script>window.__xss=1</script>'


def injected(html: str) -> list[str]:
	"""Elements that a payload made: its scripts, its `img src=x`, any element with an `on…` handler."""
	soup = BeautifulSoup(html, "html.parser")
	found = [str(s)[:80] for s in soup.find_all("script") if "__xss" in s.text]
	found += [str(i)[:80] for i in soup.find_all("img", src=re.compile(r"(^|/)x$"))]
	found += [
		str(t)[:80]
		for t in soup.find_all(
			lambda t: any(a.lower().startswith("on") and "__xss" in str(v) for a, v in t.attrs.items())
		)
	]
	return found


def shown_text(html: str) -> str:
	"""What a reader sees of the HTML (not the page's <title>)."""
	soup = BeautifulSoup(html, "html.parser")
	for title in soup.find_all("title"):
		title.decompose()
	return soup.get_text()


# the payload as a reader sees it once escaped: its tags' characters in place (Frappe's save filter may have
# escaped the script once already, and Frappe's mail rewrites every `src=` it meets, even in text)
SHOWN = re.compile(
	r"甲(<|&lt;)script(>|&gt;)window\.__xss=1;alert\(1\)(<|&lt;)/script(>|&gt;)乙(<|&lt;)img src=.{0,80}丙"
)


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=True)
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, problem=PAYLOAD, requirement=PAYLOAD)
	interview = make_interview(
		w,
		title=PAYLOAD,
		place=PAYLOAD,
		interviewees=[{"interviewee_name": PAYLOAD, "unit": w.a.unit, "position": "Unit Head"}],
		issues=[{"problem": PAYLOAD, "deadline": add_days(today(), 30)}],
	)
	frappe.set_user(w.inspector)
	closed = make_task(w.a.unit, problem=PAYLOAD)
	bring_to_pending_recheck(w, closed)
	check = recheck(closed, w.inspector, "Pass")
	frappe.set_user("Administrator")
	generate_assignments(getdate(nowdate()).year, w.county, publish_progress=False)
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit})
	# the standard charts (七类图表) print the checklist's unit and the assignment's rows
	charts = frappe.db.get_value("TD Checklist Template", {"seed_key": "standard-charts"})
	checklist = frappe.get_doc(
		{
			"doctype": "TD Unit Checklist",
			"unit": w.a.unit,
			"year": getdate(nowdate()).year,
			"template": charts,
		}
	).insert()
	case = make_case(w, decided=True)
	frappe.set_user("Administrator")
	# the assessment sheet prints the unit's name, its indicators and its self-assessment
	year = getdate(nowdate()).year
	if not frappe.db.exists(schemes.SCHEME, {"year": year}):
		schemes.make_scheme(year)
	assessments.generate(year, county=w.county)
	assessment = frappe.db.get_value("TD Assessment", {"unit": w.a.unit, "year": year})
	decision = (
		frappe.get_doc(
			{
				"doctype": "TD Major Decision",
				"unit": w.a.unit,
				"decision_date": today(),
				"decision_kind": v.DECISION_KINDS[0],
				"subject": "项目安排",
				"meeting_kind": v.NO_MEETING,
			}
		)
		.insert()
		.name
	)

	def store(text: str, minutes: str, rich: str) -> None:
		"""The payloads as stored outside Frappe's save filter."""
		frappe.db.set_value("TD Unit", w.a.unit, {"unit_name": text, "party_body": None})
		for name in (task, closed):
			frappe.db.set_value(
				"TD Rectification Task",
				name,
				{"problem": text, "requirement": text, "unit_name": text, "measures": text},
			)
			frappe.db.set_value("TD Task Progress", {"parent": name}, "note", text)
		frappe.db.set_value("TD Recheck", check.name, "findings", text)
		frappe.db.set_value(
			"TD Interview",
			interview.name,
			{"title": text, "place": text, "unit_name": text, "commitment": text, "minutes": minutes, "requirements": rich},
		)  # fmt: skip
		frappe.db.set_value("TD Interviewee", {"parent": interview.name}, "interviewee_name", text)
		frappe.db.set_value("TD Problem", {"parent": interview.name}, "problem", text)
		frappe.db.set_value("TD Duty Assignment", assignment, "unit_name", text)
		frappe.db.set_value("TD Duty Assignment Item", {"parent": assignment}, "item_name", text)
		frappe.db.set_value("TD Unit Checklist", checklist.name, "unit_name", text)
		frappe.db.set_value("TD Accountability Case", case.name, "unit_name", text)
		frappe.db.set_value("TD Assessment", assessment, "unit_name", text)
		frappe.db.set_value("TD Major Decision", decision, {"subject": text, "unit_name": text})
		frappe.db.set_value(
			"TD Assessment Score", {"parent": assessment}, {"indicator": text, "self_explanation": text}
		)
		frappe.db.set_value(
			"TD Accountability Line", {"parent": case.name}, {"failure": text, "reason": text}
		)
		frappe.db.commit()

	store(PAYLOAD, TYPED_IN_EDITOR, RICH)
	frappe.db.commit()
	w.extra.update(
		task=task,
		closed=closed,
		interview=interview.name,
		recheck=check.name,
		assignment=assignment,
		checklist=checklist.name,
		case=case.name,
		assessment=assessment,
	)
	yield w
	# other modules' browser tests run on the same site later: no payload is left in the names they meet
	frappe.set_user("Administrator")
	store("标记测试", "<p>标记测试</p>", "<p>标记测试</p>")


# (a) every print format of the app, as HTML and as PDF


def app_print_formats() -> list[tuple[str, str]]:
	modules = frappe.get_module_list("twoduty_app")
	return frappe.get_all(
		"Print Format", {"module": ("in", modules), "standard": "Yes"}, ["name", "doc_type"], as_list=True
	)


RECORD_OF = {
	"TD Rectification Task": "task",
	"TD Interview": "interview",
	"TD Recheck": "recheck",
	"TD Duty Assignment": "assignment",
	"TD Accountability Case": "case",
	"TD Unit Checklist": "checklist",  # the generated standard charts
	"TD Assessment": "assessment",  # the assessment sheet
}


def test_every_print_format_shows_the_markup_as_text(world):
	formats = app_print_formats()
	# the seven notices, the assessment sheet and the standard charts the app draws
	assert len(formats) == 8 + len(v.CHART_PRINT_FORMATS) and {d for _n, d in formats} <= set(RECORD_OF), (
		formats
	)
	frappe.set_user(world.inspector)
	frappe.local.lang = "zh"
	for print_format, doctype in formats:
		html = frappe.get_print(doctype, world.extra[RECORD_OF[doctype]], print_format)
		assert not injected(html), (print_format, injected(html))
		assert PAYLOAD in shown_text(html), print_format


def test_every_printed_pdf_shows_the_markup_as_text(world):
	frappe.set_user(world.inspector)
	frappe.local.lang = "zh"
	for print_format, doctype in app_print_formats():
		text = pdf_text(frappe.get_print(doctype, world.extra[RECORD_OF[doctype]], print_format, as_pdf=True))
		# the characters of the tags are printed; a rendered tag would leave none of them
		# (the extractor garbles some Latin digits of this font)
		assert all(
			s in text for s in ("<script>window.__xss=", ";alert(", "</script>", "<img", "onerror=")
		), (
			print_format,
			text[:400],
		)


def test_rich_text_prints_as_formatted_text_without_its_handlers(world):
	frappe.set_user(world.inspector)
	html = frappe.get_print("TD Interview", world.extra["interview"], "TD Interview Record")
	soup = BeautifulSoup(html, "html.parser")
	assert soup.find("span", string="整改") and "按期整改" in shown_text(html)  # the minutes' markup is kept
	assert "&amp;lt;script" not in html  # the minutes typed in the editor are not escaped twice
	assert not injected(html)


# (b) every mail the app sends


def assert_mails_show_text(user: str, subject_parts: tuple[str, ...]) -> None:
	"""No mail to `user` holds an element a payload made; each named one shows the payload as text."""
	mails = mails_to(user)
	for subject, body in mails:
		assert not injected(body), (subject, injected(body))
		assert "<script" not in body.lower() and not re.search(
			r"<img\s+src=[\"']?(https?://[^/]+/)?x\b", body
		)
	for part in subject_parts:
		named = [body for subject, body in mails if part in subject]
		assert named, (user, part, [m[0] for m in mails])
		assert any(SHOWN.search(shown_text(body)) for body in named), (
			part,
			[shown_text(b).strip()[:400] for b in named],
		)


def assert_notifications_show_text(user: str) -> None:
	"""The desk shows a notification's subject and content as HTML: they must hold no element."""
	logs = frappe.get_all("Notification Log", {"for_user": user}, ["subject", "email_content"])
	assert logs
	for log in logs:
		for html in (log.subject, log.email_content):
			assert not injected(html or ""), (user, html)


@pytest.fixture
def mail_world():
	"""The cycle's steps, each by the role that takes it, with the payloads typed in."""
	w = make_county_world()
	frappe.set_user("Administrator")
	frappe.db.set_value("TD Unit", w.a.unit, {"unit_name": PAYLOAD, "party_body": None})
	frappe.db.set_value("TD Unit", w.county, "unit_name", f"县{PAYLOAD}")
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, problem=PAYLOAD)  # issued: the unit hears of it
	make_interview(w, title=PAYLOAD, place=PAYLOAD)  # announced to the head
	frappe.set_user(w.a.liaison)
	frappe.get_doc("TD Rectification Task", task).request_extension(add_days(today(), 40), PAYLOAD)
	frappe.set_user(w.inspector)
	request = frappe.db.get_value("TD Extension Request", {"rectification_task": task})
	frappe.get_doc("TD Extension Request", request).refuse(PAYLOAD)
	frappe.set_user(w.inspector)
	failed = make_task(w.a.unit, problem="未公开")
	bring_to_pending_recheck(w, failed)
	frappe.set_user(w.inspector)
	check = frappe.get_doc(
		{
			"doctype": "TD Recheck",
			"rectification_task": failed,
			"rechecker": w.inspector,
			"recheck_date": today(),
			"result": "Fail",
			"findings": PAYLOAD,
			"new_deadline": add_days(today(), 20),
		}
	)
	check.insert()
	check.submit()
	frappe.set_user("Administrator")
	generate_assignments(getdate(nowdate()).year, w.county, publish_progress=False)
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit})
	frappe.set_user(w.a.head)
	frappe.get_doc("TD Duty Assignment", assignment).return_to_county(PAYLOAD)
	frappe.set_user("Administrator")
	weekly_digest()
	monthly_summary()
	yield w
	frappe.set_user("Administrator")
	frappe.db.rollback()


def test_every_mail_shows_the_markup_as_text(mail_world):
	w = mail_world
	frappe.set_user("Administrator")
	# the problem of a new task, the county's comment on an extension, the recheck's findings
	assert_mails_show_text(w.a.liaison, ("有新的整改任务", "延期申请", "复查未通过"))
	# the interview's title and place, the unit's name in the weekly digest
	assert_mails_show_text(w.a.head, ("约谈", "周报"))
	assert_mails_show_text(w.inspector, ("申请延长",))  # the unit's reason for an extension
	assert_mails_show_text(w.admin, ("责任书",))  # the head's comment on the duty assignment
	assert_mails_show_text(w.viewer, ("月报",))  # the county's name in the monthly summary
	for user in (w.a.liaison, w.a.head, w.a.secretary, w.inspector, w.admin):
		assert_notifications_show_text(user)
	# the head's comment is also kept on the assignment's timeline
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit})
	comments = frappe.get_all(
		"Comment",
		{"reference_doctype": "TD Duty Assignment", "reference_name": assignment, "comment_type": "Comment"},
		pluck="content",
	)
	assert comments and all(not injected(c) and PAYLOAD in shown_text(c) for c in comments), comments


# (c) in a real browser, as the unit's liaison


def assert_nothing_ran(driver, name: str, expect_text: bool = True) -> None:
	browser.settle(2)
	try:
		alert = driver.switch_to.alert
		text = alert.text
		alert.dismiss()
		pytest.fail(f"{name}: an alert opened ({text})")
	except NoAlertPresentException:
		pass
	browser.screenshot(driver, f"markup-{name}")
	assert driver.execute_script("return window.__xss") is None, name
	assert driver.execute_script("return document.querySelectorAll('img[src=\"x\"], [onerror], [onclick*=__xss]').length") == 0, name  # fmt: skip
	assert (
		driver.execute_script(
			"return [...document.scripts].filter((s) => s.textContent.includes('__xss')).length"
		)
		== 0
	), name
	assert not browser.js_errors(driver), name
	if expect_text:
		assert "window.__xss=1;alert(1)" in browser.body_text(driver), (name, browser.body_text(driver)[:400])


pytestmark_browser = pytest.mark.skipif(not browser.BASE, reason="needs the test web server")


@pytest.fixture
def driver():
	d = browser.make_driver()
	yield d
	d.quit()


@pytestmark_browser
def test_the_desk_shows_the_markup_as_text(world, driver):
	w = world
	browser.login(driver, w.a.liaison, PASSWORD)
	pages = [
		("task-form", f"/app/td-rectification-task/{w.extra['task']}", ".form-layout"),
		("task-list", "/app/td-rectification-task?workflow_state=Issued", ".list-row, .no-result"),
		("unit-form", f"/app/td-unit/{w.a.unit}", ".form-layout"),
		("unit-list", "/app/td-unit/view/list", ".list-row, .no-result"),
		("interview-form", f"/app/td-interview/{w.extra['interview']}", ".form-layout"),
		("interview-list", "/app/td-interview", ".list-row, .no-result"),
	]
	for name, path, ready in pages:
		driver.get(f"{browser.BASE}{path}")
		browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ready)))
		assert_nothing_ran(driver, name)


@pytestmark_browser
def test_the_phone_page_shows_the_markup_as_text(world):
	phone = browser.make_driver(390, 844, phone=True)
	try:
		browser.login(phone, world.a.liaison, PASSWORD)
		phone.get(f"{browser.BASE}/td")
		browser.wait(phone).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-task]")))
		assert_nothing_ran(phone, "phone-list")
		phone.get(f"{browser.BASE}/td#task/{world.extra['task']}")
		phone.refresh()
		browser.wait(phone).until(lambda d: "返回" in browser.body_text(d))
		assert_nothing_ran(phone, "phone-task")
		phone.get(f"{browser.BASE}/td#duty")
		phone.refresh()
		browser.wait(phone).until(EC.presence_of_element_located((By.ID, "unit")))
		assert_nothing_ran(phone, "phone-duty", expect_text=False)
		option = phone.find_element(By.CSS_SELECTOR, "#unit option").get_attribute("textContent")
		assert option == PAYLOAD
	finally:
		phone.quit()


# (d) where a unit's name is offered to pick, and the app's query reports, as the county inspector

OPTIONS_SHOWING = """return [...document.querySelectorAll(arguments[0])]
	.filter((el) => el.offsetParent !== null).map((el) => el.textContent).join("\\n")"""


def type_into_link(driver, selector: str, text: str) -> str:
	"""Types into a Link field and waits for its dropdown to offer the payload; returns the options' text."""
	field = browser.wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, selector)))
	field.click()
	field.send_keys(text)
	options = ".awesomplete [role=option]"
	browser.wait(driver).until(lambda d: "window.__xss" in d.execute_script(OPTIONS_SHOWING, options))
	return driver.execute_script(OPTIONS_SHOWING, options)


@pytestmark_browser
def test_the_link_search_shows_unit_names_as_text(world, driver):
	w = world
	browser.login(driver, w.inspector, PASSWORD)
	driver.get(f"{browser.BASE}/app/td-rectification-task/new")
	unit = '.frappe-control[data-fieldname="unit"] input'
	offered = type_into_link(driver, unit, "xss")
	assert_nothing_ran(driver, "link-search")
	assert PAYLOAD in offered and w.a.unit in offered, offered
	# picked, the field shows the unit's name (its link title), still as text
	option = driver.find_element(By.XPATH, f"//div[@role='option'][contains(., '{w.a.unit}')]")
	option.click()
	browser.wait(driver).until(
		lambda d: (
			d.execute_script("return cur_frm.doc.unit") == w.a.unit
			and d.find_element(By.CSS_SELECTOR, unit).get_attribute("value") == PAYLOAD
		)
	)
	assert (
		driver.execute_script("return frappe.utils.get_link_title('TD Unit', arguments[0])", w.a.unit)
		== PAYLOAD
	)
	assert_nothing_ran(driver, "link-picked", expect_text=False)
	# the same search in the Advanced Search dialog
	driver.find_element(By.CSS_SELECTOR, unit).clear()
	type_into_link(driver, unit, "xss")
	driver.execute_script(
		"[...document.querySelectorAll('.awesomplete [role=option]')]"
		".find((el) => $(el).data('item.autocomplete').value === 'advanced_search__link_option').click()"
	)
	browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".link-select-row")))
	assert_nothing_ran(driver, "link-advanced-search")
	# the list's unit filter
	driver.get(f"{browser.BASE}/app/td-rectification-task")
	browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".list-row, .no-result")))
	type_into_link(driver, '.standard-filter-section [data-fieldname="unit"] input', "xss")
	assert_nothing_ran(driver, "list-unit-filter")


@pytestmark_browser
def test_the_list_sidebar_groups_show_unit_names_as_text(world, driver):
	w = world
	frappe.set_user(w.inspector)
	user_settings.save("TD Rectification Task", frappe.as_json({"group_by_fields": ["unit_name"]}))
	browser.login(driver, w.inspector, PASSWORD)
	driver.get(f"{browser.BASE}/app/td-rectification-task")
	group = '.list-group-by-fields [data-fieldname="unit_name"]'
	browser.wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, group))).click()
	browser.wait(driver).until(
		lambda d: "window.__xss" in d.execute_script(OPTIONS_SHOWING, ".group-by-item .group-by-value")
	)
	assert_nothing_ran(driver, "list-group-by")
	# a group picked filters the list by the stored name itself
	driver.execute_script(
		"[...document.querySelectorAll('.group-by-item')].find((el) => el.textContent.includes('xss')).click()"
	)
	browser.wait(driver).until(
		lambda d: d.execute_script(
			"return cur_list.filter_area.get().some((f) => f[1] === 'unit_name' && f[3] === arguments[0])",
			PAYLOAD,
		)
	)
	assert_nothing_ran(driver, "list-group-by-picked", expect_text=False)


# every query report of the app, with the filters that bring the payload's rows
REPORTS = {
	"Rectification Ledger": True,
	"Overdue and Escalations": True,
	"Interview Coverage": True,
	"Duty Progress": True,
	"Horizontal Comparison": False,  # groups by unit type and category: no stored text in it
	"Vertical Reach": True,
	"Cascade Coverage": True,
	"Accountability Ledger": True,
	"Assessment Ranking": True,
	"Major Decision Check": True,
}


def test_the_reports_checked_are_every_query_report_of_the_app():
	modules = frappe.get_module_list("twoduty_app")
	reports = frappe.get_all(
		"Report",
		{
			"module": ("in", modules),
			"report_type": ("in", ("Query Report", "Script Report")),
			"is_standard": "Yes",
		},
		pluck="name",
	)
	assert set(reports) == set(REPORTS)


@pytest.fixture
def overdue_task(world):
	"""The payload's task, past its deadline: the overdue report lists it."""
	from twoduty_app.supervision import task_states as ts

	frappe.set_user("Administrator")
	frappe.db.set_value("TD Rectification Task", world.extra["task"], "traffic_light", ts.OVERDUE)
	frappe.db.commit()
	return world.extra["task"]


CHARTING_UNITS = ("Duty Progress", "Vertical Reach")
CELLS_SHOWING = """return [...document.querySelectorAll(".dt-scrollable .dt-cell__content")]
	.map((el) => el.textContent).join("\\n")"""


def point_at_the_charts(driver, attempts=3):
	"""Move the pointer over each chart the report drew. The report may draw its chart again once its
	data is in (the element found first is then gone): look for the charts again in that case."""
	for attempt in range(attempts):
		try:
			for chart in driver.find_elements(By.CSS_SELECTOR, ".chart-container svg.frappe-chart"):
				if not chart.is_displayed() or not chart.size.get("width"):
					continue  # a chart the report drew with nothing to show (no size: nothing to point at)
				ActionChains(driver).move_to_element(chart).perform()
				browser.settle(0.5)
			return
		except StaleElementReferenceException:
			if attempt == attempts - 1:
				raise
			browser.settle(0.5)


@pytestmark_browser
@pytest.mark.parametrize("report", list(REPORTS))
def test_every_query_report_shows_the_markup_as_text(world, overdue_task, driver, report):
	browser.login(driver, world.inspector, PASSWORD)
	driver.get(f"{browser.BASE}/app/query-report/{report}?unit={world.a.unit}")
	browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".dt-scrollable .dt-row")))
	if REPORTS[report]:
		browser.wait(driver).until(lambda d: "window.__xss" in d.execute_script(CELLS_SHOWING))
		assert PAYLOAD in driver.execute_script(CELLS_SHOWING), report
	# the chart's labels, and the tooltip it shows under the pointer (the unit's name, in the reports charting
	# units)
	point_at_the_charts(driver)
	if report in CHARTING_UNITS:
		tip = driver.execute_script("return document.querySelector('.graph-svg-tip .title')?.textContent")
		assert PAYLOAD in (tip or ""), (report, tip)
	assert_nothing_ran(driver, f"report-{report}", expect_text=REPORTS[report])


@pytestmark_browser
def test_the_report_view_shows_the_markup_as_text(world, driver):
	browser.login(driver, world.inspector, PASSWORD)
	driver.get(f"{browser.BASE}/app/td-rectification-task/view/report?unit={world.a.unit}")
	browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".dt-scrollable .dt-row")))
	browser.wait(driver).until(lambda d: "window.__xss" in d.execute_script(CELLS_SHOWING))
	assert_nothing_ran(driver, "report-view")


def test_a_report_exports_the_stored_text_unescaped(world):
	"""The cells are escaped where the desk draws them; the export, built on the server, keeps the text."""
	from frappe.desk.query_report import export_query

	frappe.set_user(world.inspector)
	frappe.local.form_dict = frappe._dict(
		report_name="Rectification Ledger",
		file_format_type="CSV",
		# the task's own unit: on a site with many tasks, the year's whole ledger is not the point here
		filters=frappe.as_json(
			{
				"year": getdate(nowdate()).year,
				"unit": frappe.db.get_value("TD Rectification Task", world.extra["task"], "unit"),
			}
		),
		visible_idx="[]",
	)
	export_query()
	rows = list(csv.reader(io.StringIO(frappe.response["filecontent"].decode("utf-8-sig"))))
	task = next(row for row in rows if row[0] == world.extra["task"])
	assert task[1:3] == [PAYLOAD, PAYLOAD], task
