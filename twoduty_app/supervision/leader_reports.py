"""Sensible Auto Email Report defaults for county leaders (TwoDuty Viewer): the overdue list every Monday
and the horizontal comparison every month, run as the leader (so scoped like the leader).

They are offered once: when the app is installed (to the leaders already there) and when a user becomes a
leader. A report a leader or the administrator deleted is not created again by a later migrate."""

import frappe

from twoduty_app.common.vocabulary import ROLE_VIEWER
from twoduty_app.permissions.roles import users_with_role

DEFAULTS = (
	("Overdue and Escalations", "Weekly", "Monday"),
	("Horizontal Comparison", "Monthly", None),
)


def ensure_leader_reports(users: list[str] | None = None) -> int:
	"""Create what is missing; never touch a report a leader or admin has changed."""
	created = 0
	for user in users if users is not None else users_with_role(ROLE_VIEWER):
		email = frappe.db.get_value("User", user, "email")
		if not email:
			continue
		for report, frequency, day in DEFAULTS:
			if frappe.db.exists("Auto Email Report", {"report": report, "user": user}):
				continue
			frappe.get_doc(
				{
					"doctype": "Auto Email Report",
					"report": report,
					"user": user,
					"email_to": email,
					"enabled": 1,
					"frequency": frequency,
					"day_of_week": day,
					"format": "HTML",
					"send_if_data": 1,
				}
			).insert(ignore_permissions=True)
			created += 1
	return created


def on_user_update(doc, method=None) -> None:
	"""doc_event (User, on_update): a user who just became a county leader gets the defaults."""
	if not doc.enabled or ROLE_VIEWER not in {r.role for r in doc.roles}:
		return
	before = doc.get_doc_before_save()
	if before and before.enabled and ROLE_VIEWER in {r.role for r in before.roles}:
		return  # a leader already: the defaults were offered when the role came
	ensure_leader_reports([doc.name])
