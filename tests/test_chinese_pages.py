"""Chinese to the last word: the workspace, list, form, report and phone pages of the app, for a county
inspector, a township liaison and a township head in a zh session, show no English: Frappe's own strings
included (the app ships zh rows for those Frappe's translation lacks). Screenshots under
artifacts/screenshots."""

import re

import frappe
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from tests import browser
from tests.factories import PASSWORD, make_county_world, make_interview, make_task

pytestmark = pytest.mark.skipif(not browser.BASE, reason="needs the test web server (scripts/test.sh)")

# what may stay in Latin letters: IDs (ZG-2026-00001, TDU-000012), e-mail addresses, the random suffixes of
# the test data's names (甲乡-3f9a), numbers with units
NOT_WORDS = re.compile(
	r"\S+@\S+"  # e-mail addresses (the user menu)
	r"|\b[A-Z]{2,4}-[\d.-]+\w*"  # document IDs
	r"|-[0-9a-z]{4,6}\b"  # the test data's random name suffixes
	r"|\b\d+(?:\.\d+)?\s?(?:MB|KB|px|%)"
	r"|Ctrl\s*\+\s*\w"  # a key on the keyboard
	r"|\bID\b"  # as Chinese software writes it too
	r"|(?<![A-Za-z])Excel(?![A-Za-z])"  # a product's name, as Chinese software writes it (导出Excel: a report cut to its first page)
)
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’&]*(?:[ .:/-]+[A-Za-z][A-Za-z'’&]*)*")


def latin_runs(text: str) -> list[str]:
	return sorted({m.group(0) for m in LATIN_RUN.finditer(NOT_WORDS.sub(" ", text))})


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=False)
	frappe.set_user(w.inspector)
	w.extra["task"] = make_task(w.a.unit, problem="村务公开不及时", deadline_days=20)
	make_interview(w, title="约谈甲乡主要负责人")
	frappe.set_user("Administrator")
	frappe.db.commit()
	return w


@pytest.fixture(scope="module")
def driver():
	d = browser.make_driver()
	yield d
	d.quit()


def visit(driver, path: str, ready: str, name: str) -> list[str]:
	driver.get(f"{browser.BASE}{path}")
	try:
		browser.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ready)))
	except Exception:
		browser.screenshot(driver, f"{name}-timeout")
		raise
	browser.settle(2)
	path = browser.screenshot(driver, name)
	text = visible_text(driver)
	path.with_suffix(".txt").write_text(text, encoding="utf-8")
	return latin_runs(text)


def visible_text(driver) -> str:
	"""What a person sees: the rendered text nodes of the page, leaving out what only screen readers read
	(.sr-only, .visually-hidden), Frappe's hover tooltips of field names, and the options of a select box
	other than the chosen one; with the placeholders of empty inputs."""
	return driver.execute_script(
		"""
		const out = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			const node = walker.currentNode;
			const el = node.parentElement;
			if (!el || !node.textContent.trim()) continue;
			if (el.closest('script, style, .sr-only, .visually-hidden, [hidden], .tooltip-content')) continue;
			const option = el.closest('option');
			if (option && !option.selected) continue;
			if (!option && el.getClientRects().length === 0) continue;
			const style = getComputedStyle(el);
			if (style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') continue;
			out.push(node.textContent.trim());
		}
		for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
			if (!input.value && input.getClientRects().length && getComputedStyle(input).visibility !== 'hidden') {
				out.push(input.placeholder);
			}
		}
		return out.join(' | ');
		"""
	)


DESK_PAGES = [
	("/app/two-duties", ".number-widget-box", "workspace"),
	("/app/td-rectification-task", ".list-row-container, .no-result", "task-list"),
	("/app/td-rectification-task/{task}", ".form-layout", "task-form"),
	("/app/td-interview", ".list-row-container, .no-result", "interview-list"),
	("/app/query-report/Rectification Ledger", ".dt-scrollable, .no-result", "report-ledger"),
]


@pytest.mark.parametrize("role", ["inspector", "liaison", "head"])
def test_every_page_of_the_app_reads_in_chinese(world, driver, role):
	user = {"inspector": world.inspector, "liaison": world.a.liaison, "head": world.a.head}[role]
	browser.login(driver, user, PASSWORD)
	found = {}
	for path, ready, name in DESK_PAGES:
		runs = visit(driver, path.format(task=world.extra["task"]), ready, f"zh-{role}-{name}")
		if runs:
			found[name] = runs
	if role != "inspector":
		runs = visit(driver, "/td", "main#app .card, main#app p", f"zh-{role}-phone")
		if runs:
			found["phone"] = runs
	assert not browser.js_errors(driver)
	assert found == {}, f"English left: {found}"
