"""Weekly digest to unit heads and discipline secretaries, monthly summary to county leaders."""

from email import message_from_string
from email.header import decode_header, make_header

import frappe
import pytest
from frappe.utils import add_days, today

from tests.factories import make_county_world, make_task
from twoduty_app.tasks.digests import monthly_summary, weekly_digest


@pytest.fixture
def world():
	w = make_county_world()
	frappe.set_user(w.inspector)
	task = make_task(w.a.villages[0])
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"TD Rectification Task", task, {"deadline": add_days(today(), -1), "traffic_light": "Overdue"}
	)
	yield w
	frappe.db.rollback()


def mails_to(user: str) -> list[tuple[str, str]]:
	Queue = frappe.qb.DocType("Email Queue")
	Recipient = frappe.qb.DocType("Email Queue Recipient")
	rows = (
		frappe.qb.from_(Queue).join(Recipient).on(Recipient.parent == Queue.name)
		.select(Queue.message).where(Recipient.recipient == user).run(pluck=True)
	)  # fmt: skip
	out = []
	for raw in rows:
		msg = message_from_string(raw)
		body = ""
		for part in msg.walk():
			if part.get_content_type() == "text/html":
				body = part.get_payload(decode=True).decode("utf-8", "replace")
		out.append((str(make_header(decode_header(msg["Subject"]))), body))
	return out


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


def test_monthly_summary_goes_to_county_leaders(world):
	w = world
	assert monthly_summary() >= 1
	mails = [m for m in mails_to(w.viewer) if "月报" in m[0]]
	assert len(mails) == 1
	assert frappe.db.get_value("TD Unit", w.county, "unit_name") in mails[0][1]
	assert not [m for m in mails_to(w.a.head) if "月报" in m[0]]


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
	frappe.db.rollback()
