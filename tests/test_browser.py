"""In a real browser: the desk for a township liaison (language zh), and the phone page at 390×844.

Each test fails on an uncaught JavaScript error or on an app label left in English, and saves
screenshots under artifacts/screenshots."""

import csv
import pathlib
import re

import frappe
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from tests import browser
from tests.factories import PASSWORD, PNG, make_county_world, make_task


def state(task: str) -> str:
	frappe.db.rollback()  # see what the browser's requests committed
	return frappe.db.get_value("TD Rectification Task", task, "workflow_state")


pytestmark = pytest.mark.skipif(not browser.BASE, reason="needs the test web server (scripts/test.sh)")


def english_labels() -> list[re.Pattern]:
	"""The app's English source texts that must never show to a zh user (multi-word or long ones)."""
	path = pathlib.Path(frappe.get_app_path("twoduty_app", "translations", "zh.csv"))
	with path.open(encoding="utf-8") as f:
		keys = {row[0] for row in csv.reader(f) if row and "{" not in row[0]}
	keys = {k for k in keys if re.fullmatch(r"[A-Z][A-Za-z ()'-]{4,}", k) and (" " in k or len(k) >= 8)}
	return [re.compile(rf"(?<![A-Za-z]){re.escape(k)}(?![A-Za-z])") for k in sorted(keys)]


LABELS = None


def untranslated(text: str) -> list[str]:
	global LABELS
	LABELS = LABELS or english_labels()
	return sorted({p.pattern for p in LABELS if p.search(text)})


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=True)
	frappe.set_user(w.inspector)
	w.extra["task"] = make_task(w.a.unit, problem="村务公开不及时", deadline_days=20)
	w.extra["other"] = make_task(w.b.unit, problem="乙乡的问题")
	frappe.set_user("Administrator")
	frappe.db.commit()
	return w


@pytest.fixture
def desk():
	driver = browser.make_driver()
	yield driver
	driver.quit()


@pytest.fixture
def phone():
	driver = browser.make_driver(390, 844, phone=True)
	yield driver
	driver.quit()


def check_page(driver, name: str):
	browser.screenshot(driver, name)
	text = browser.body_text(driver)
	assert not browser.js_errors(driver), name
	assert not untranslated(text), (name, untranslated(text))
	return text


def test_desk_workspace_task_and_report_read_in_chinese(world, desk):
	browser.login(desk, world.a.liaison, PASSWORD)
	desk.get(f"{browser.BASE}/app/two-duties")
	try:
		browser.wait(desk).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".number-widget-box")))
	except Exception:
		browser.screenshot(desk, "desk-workspace-timeout")
		raise
	browser.wait(desk).until(lambda d: "加载" not in browser.body_text(d))
	browser.settle(2)
	text = check_page(desk, "desk-workspace")
	assert "在办整改任务" in text and "逾期整改任务" in text

	desk.get(f"{browser.BASE}/app/td-rectification-task/{world.extra['task']}")
	browser.wait(desk).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".form-layout")))
	browser.settle(2)
	text = check_page(desk, "desk-task-form")
	assert "村务公开不及时" in text and "整改期限" in text

	desk.get(f"{browser.BASE}/app/query-report/Rectification Ledger")
	browser.wait(desk).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".dt-scrollable, .no-result")))
	browser.settle(2)
	text = check_page(desk, "desk-report-ledger")
	assert "整改台账" in text and "乙乡的问题" not in text


def test_the_kind_dropdown_reads_as_the_office_writes(world, desk):
	"""The rectification kinds are 立行立改 / 限期整改 / 持续整改 (the deadline field has its own words)."""
	browser.login(desk, world.inspector, PASSWORD)
	desk.get(f"{browser.BASE}/app/td-rectification-task/new")
	select = browser.wait(desk).until(
		EC.presence_of_element_located((By.CSS_SELECTOR, "select[data-fieldname='rectification_kind']"))
	)
	browser.settle(1)
	options = [o.text for o in select.find_elements(By.TAG_NAME, "option") if o.text]
	assert options == ["立行立改", "限期整改", "持续整改"]
	check_page(desk, "desk-task-new-kind-dropdown")
	assert "整改期限" in browser.body_text(desk)


def phone_login(driver, user):
	browser.login(driver, user, PASSWORD)
	driver.get(f"{browser.BASE}/td")
	browser.wait(driver).until(lambda d: "正在加载" not in browser.body_text(d))


def open_task(driver, task):
	driver.get(f"{browser.BASE}/td#task/{task}")
	driver.refresh()
	browser.wait(driver).until(
		lambda d: "返回" in browser.body_text(d) or d.find_elements(By.CSS_SELECTOR, ".error")
	)


def press(driver, action_label):
	button = browser.wait(driver).until(
		EC.element_to_be_clickable(
			(By.XPATH, f"//button[@data-action and normalize-space()='{action_label}']")
		)
	)
	button.click()
	browser.wait(driver).until(EC.staleness_of(button))
	browser.wait(driver).until(lambda d: "返回" in browser.body_text(d))


def test_phone_walks_a_task_from_issued_to_pending_recheck(world, phone, tmp_path):
	w, task = world, world.extra["task"]
	phone_login(phone, w.a.liaison)
	text = check_page(phone, "phone-1-task-list")
	assert "村务公开不及时" in text and "乙乡的问题" not in text

	phone.find_element(By.CSS_SELECTOR, f"[data-task='{task}']").click()
	browser.wait(phone).until(EC.presence_of_element_located((By.ID, "measures"))).send_keys(
		"一、建立村务公开台账；二、每月公开一次"
	)
	check_page(phone, "phone-2-task-issued")
	press(phone, "提交整改方案")
	assert state(task) == "Plan Submitted"

	phone_login(phone, w.a.head)
	open_task(phone, task)
	press(phone, "同意整改方案")
	check_page(phone, "phone-3-plan-approved")
	assert state(task) == "Rectifying"

	phone_login(phone, w.a.liaison)
	open_task(phone, task)
	photo = tmp_path / "现场照片.png"
	photo.write_bytes(PNG)
	phone.find_element(By.ID, "note").send_keys("已在村务公开栏张贴本月公开内容")
	phone.find_element(By.ID, "files").send_keys(str(photo))
	phone.find_element(By.ID, "save-progress").click()
	browser.wait(phone).until(
		lambda d: "已在村务公开栏张贴" in browser.body_text(d) and "佐证材料" in browser.body_text(d)
	)
	check_page(phone, "phone-4-progress-with-photo")
	press(phone, "提交整改报告")
	assert state(task) == "Report Submitted"

	phone_login(phone, w.a.head)
	open_task(phone, task)
	press(phone, "签字背书")
	text = check_page(phone, "phone-5-pending-recheck")
	assert "待复查" in text
	frappe.db.rollback()
	assert state(task) == "Pending Recheck"
	assert frappe.db.get_value("TD Rectification Task", task, "signed_by") == w.a.head


def test_phone_cannot_open_another_townships_task_by_url(world, phone):
	phone_login(phone, world.a.liaison)
	open_task(phone, world.extra["other"])
	text = check_page(phone, "phone-6-foreign-task-refused")
	assert "乙乡的问题" not in text
	assert phone.find_elements(By.CSS_SELECTOR, ".error")


def test_the_year_end_assessment_reads_in_chinese_with_each_sides_actions(world, desk):
	"""The unit's head finds its draft with Submit Self-Assessment; an assessor finds the assessment under
	review with Enter My Scores; the grade and every value in Chinese, no script error."""
	from twoduty_app.assessment import assessments, schemes
	from twoduty_app.common import vocabulary as v

	w = world
	frappe.set_user("Administrator")
	year = frappe.utils.getdate().year
	if not frappe.db.exists(schemes.SCHEME, {"year": year}):
		schemes.make_scheme(year)
	assessments.generate(year, county=w.county)
	mine = frappe.db.get_value("TD Assessment", {"unit": w.a.unit, "year": year})
	other = frappe.db.get_value("TD Assessment", {"unit": w.b.unit, "year": year})
	frappe.set_user(w.b.head)
	frappe.get_doc("TD Assessment", other).submit_self_assessment()
	frappe.set_user(w.inspector)
	review = frappe.get_doc("TD Assessment", other)
	review.append("assessors", {"assessor": w.inspector})
	review.save()
	review.start_review()
	frappe.set_user("Administrator")
	frappe.db.commit()
	for user, name, action in ((w.a.head, mine, "提交自评"), (w.inspector, other, "录入我的评分")):
		browser.login(desk, user, PASSWORD)
		desk.get(f"{browser.BASE}/app/td-assessment/{name}")
		browser.wait(desk).until(
			EC.presence_of_element_located((By.XPATH, f"//button[contains(., '{action}')]"))
		)
		browser.settle(1)
		text = check_page(desk, f"desk-assessment-{action}")
		assert "年度" in text and "考核" in text
	# under review it is graded: the grade shows as the office writes it (好、较好、一般、差), not its source
	grade = frappe.db.get_value("TD Assessment", other, "grade")
	assert grade in v.GRADES and grade not in text and "等次" in text
