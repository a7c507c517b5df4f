"""Weekly digest to unit heads and discipline secretaries, monthly summary to county leaders."""

import frappe
import pytest
from frappe.utils import add_days, today

from tests.factories import make_county_viewer, make_county_world, make_task
from tests.mail import mails_to
from twoduty_app.supervision.digests import monthly_summary, weekly_digest

pytestmark = pytest.mark.usefixtures("rollback_each_test")


@pytest.fixture
def world():
	w = make_county_world()
	frappe.set_user(w.inspector)
	task = make_task(w.a.villages[0])
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"TD Rectification Task", task, {"deadline": add_days(today(), -1), "traffic_light": "Overdue"}
	)
	return w


def test_weekly_digest_reaches_heads_and_secretaries_with_their_branch(world):
	w = world
	weekly_digest()
	head_mail = [m for m in mails_to(w.a.head) if "整改工作周报" in m[0]]
	assert len(head_mail) == 1
	subject, body = head_mail[0]
	assert "甲乡" in subject and "逾期" in body
	assert [m for m in mails_to(w.a.secretary) if "整改工作周报" in m[0]]
	assert not [m for m in mails_to(w.a.liaison) if "整改工作周报" in m[0]], "liaisons are not on the digest"
	assert [m for m in mails_to(w.b.head) if "整改工作周报" in m[0]]


def enabled_viewers() -> int:
	HasRole = frappe.qb.DocType("Has Role")
	User = frappe.qb.DocType("User")
	return len(
		frappe.qb.from_(HasRole).join(User).on(User.name == HasRole.parent).select(User.name).distinct()
		.where((HasRole.role == "TwoDuty Viewer") & (HasRole.parenttype == "User") & (User.enabled == 1))
		.run()
	)  # fmt: skip


def test_monthly_summary_goes_to_every_county_leader_once(world):
	w = world
	assert monthly_summary() == enabled_viewers()
	mails = [m for m in mails_to(w.viewer) if "月报" in m[0]]
	assert len(mails) == 1
	assert frappe.db.get_value("TD Unit", w.county, "unit_name") in mails[0][1]
	assert not [m for m in mails_to(w.a.head) if "月报" in m[0]]


def test_monthly_summary_keeps_to_its_readers_scope(world):
	"""A leader limited to one county reads that county only; a leader with no limit reads every county."""
	w = world
	other = make_county_world()
	limited = make_county_viewer(w)
	monthly_summary()
	[(_subject, mine)] = [m for m in mails_to(limited) if "月报" in m[0]]
	county, other_county = (frappe.db.get_value("TD Unit", c, "unit_name") for c in (w.county, other.county))
	assert county in mine and other_county not in mine
	[(_subject, everything)] = [m for m in mails_to(w.viewer) if "月报" in m[0]]
	assert county in everything and other_county in everything


def test_county_leaders_get_default_auto_email_reports_once():
	from tests.factories import make_user

	leader = make_user("leader", ("TwoDuty Viewer",))
	reports = frappe.get_all(
		"Auto Email Report", {"user": leader}, ["report", "frequency", "email_to", "enabled"]
	)
	assert {(r.report, r.frequency) for r in reports} == {
		("Overdue and Escalations", "Weekly"),
		("Horizontal Comparison", "Monthly"),
	}
	assert all(r.email_to == leader and r.enabled for r in reports)
	frappe.get_doc("User", leader).save(ignore_permissions=True)
	assert frappe.db.count("Auto Email Report", {"user": leader}) == 2
	township_head = make_user("not-a-leader", ("TwoDuty Unit Head",))
	assert not frappe.db.exists("Auto Email Report", {"user": township_head})


def test_a_deleted_default_report_stays_deleted_after_migrate():
	from tests.factories import make_user
	from twoduty_app.setup.install import after_sync

	leader = make_user("leader", ("TwoDuty Viewer",))
	frappe.delete_doc(
		"Auto Email Report", frappe.db.get_value("Auto Email Report", {"user": leader}), force=True
	)
	after_sync()  # what every `bench migrate` runs
	frappe.get_doc("User", leader).save(ignore_permissions=True)  # the leader edits the profile
	assert frappe.db.count("Auto Email Report", {"user": leader}) == 1
