"""Headless Chromium (Debian's chromium + chromedriver) driven by Selenium, for tests as a person sees it."""

import os
import pathlib
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("TWODUTY_URL", "")
ARTIFACTS = pathlib.Path(os.environ.get("TWODUTY_ARTIFACTS") or tempfile.gettempdir()) / "screenshots"


def make_driver(
	width: int = 1366, height: int = 900, lang: str = "zh-CN", phone: bool = False
) -> webdriver.Chrome:
	options = webdriver.ChromeOptions()
	if phone:
		options.add_experimental_option(
			"mobileEmulation",
			{"deviceMetrics": {"width": width, "height": height, "pixelRatio": 3.0, "touch": True}},
		)
	for arg in (
		"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
		f"--window-size={width},{height}", f"--lang={lang}", f"--user-data-dir={tempfile.mkdtemp(prefix='td-chrome-')}",
	):  # fmt: skip
		options.add_argument(arg)
	options.binary_location = "/usr/bin/chromium"
	options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
	driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
	driver.set_page_load_timeout(60)
	return driver


def login(driver, user: str, password: str) -> None:
	driver.delete_all_cookies()
	driver.get(f"{BASE}/login")
	wait(driver).until(EC.visibility_of_element_located((By.ID, "login_email"))).send_keys(user)
	driver.find_element(By.ID, "login_password").send_keys(password)
	driver.find_element(By.CSS_SELECTOR, ".form-login .btn-login").click()
	wait(driver).until(lambda d: "/login" not in d.current_url)


def wait(driver, seconds: int = 30) -> WebDriverWait:
	return WebDriverWait(driver, seconds)


# Known errors of Frappe's own bundle, not of this app: frappe-charts (inside desk.bundle) sometimes
# removes a chart overlay twice when a chart re-renders while loading. Only this exact message from
# Frappe's desk bundle is tolerated; any other uncaught error fails the test.
UPSTREAM_NOISE = (("/assets/frappe/dist/js/desk.bundle.", "Failed to execute 'removeChild' on 'Node'"),)


def js_errors(driver) -> list[str]:
	"""Uncaught JavaScript errors since the last call (network noise such as realtime reconnects is not code)."""
	return [
		entry["message"]
		for entry in driver.get_log("browser")
		if entry["level"] == "SEVERE"
		and entry.get("source") == "javascript"
		and not any(where in entry["message"] and what in entry["message"] for where, what in UPSTREAM_NOISE)
	]


def screenshot(driver, name: str) -> pathlib.Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	path = ARTIFACTS / f"{name}.png"
	driver.save_screenshot(str(path))
	return path


def body_text(driver) -> str:
	return driver.find_element(By.TAG_NAME, "body").text


def settle(seconds: float = 1.0) -> None:
	time.sleep(seconds)
