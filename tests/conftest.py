"""Connects pytest to a real Frappe site (set TWODUTY_SITE; run from the bench's sites folder).

scripts/test.sh does this for you on a fresh site. Nothing here mocks Frappe.
"""

import os

import frappe
import pytest

SITE = os.environ.get("TWODUTY_SITE")
if not SITE:
	raise pytest.UsageError("TWODUTY_SITE is not set: run the suite with scripts/test.sh")

frappe.init(site=SITE, sites_path=os.environ.get("TWODUTY_SITES_PATH", os.getcwd()))
frappe.connect()
frappe.flags.in_test = True
frappe.flags.mute_emails = True
frappe.set_user("Administrator")


def _ensure_outbox():
	"""A default outgoing account, as every real site has; in tests Frappe never connects to it."""
	if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "TwoDuty Test Outbox",
				"email_id": "twoduty-outbox@twoduty.test",
				"smtp_server": "localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"enable_incoming": 0,
				"password": "unused",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


_ensure_outbox()


def _ensure_next_years_calendar():
	"""A county enters next year's holidays once the State Council announces them (the package knows only
	the years up to its release): the suite does so where the site lacks it, so that default deadlines
	counted in working days can reach into next year whatever the date of the run. test_calendar.py proves
	what happens while a year is missing."""
	from frappe.utils import getdate, nowdate

	from twoduty_app.common.workdays import clear_calendar_cache, known_years

	year = getdate(nowdate()).year + 1
	if year not in known_years():
		frappe.get_doc(
			{
				"doctype": "TD Holiday",
				"holiday_date": f"{year}-01-01",
				"kind": "Holiday",
				"holiday_name": "元旦",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		clear_calendar_cache()


_ensure_next_years_calendar()


@pytest.fixture(autouse=True)
def _as_administrator_between_tests():
	"""Every test starts and ends as Administrator with clean caches; tests switch to real roles."""
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	yield
	frappe.set_user("Administrator")
	frappe.local.lang = "en"


@pytest.fixture
def rollback_each_test():
	"""For modules whose tests write on top of a committed world: undo each test's writes."""
	yield
	frappe.set_user("Administrator")
	frappe.db.rollback()


def pytest_sessionfinish(session, exitstatus):
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
	frappe.destroy()
