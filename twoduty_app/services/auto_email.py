"""Sensible Auto Email Report defaults for county leaders (TwoDuty Viewer): the overdue list every
Monday and the horizontal comparison every month, run as the leader (so scoped like the leader)."""

import frappe

DEFAULTS = (
	("Overdue and Escalations", "Weekly", "Monday"),
	("Horizontal Comparison", "Monthly", None),
)


def county_leaders() -> list[str]:
	HasRole = frappe.qb.DocType("Has Role")
	User = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(HasRole).join(User).on(User.name == HasRole.parent).select(User.name).distinct()
		.where((HasRole.role == "TwoDuty Viewer") & (HasRole.parenttype == "User") & (User.enabled == 1))
		.run(pluck=True)
	)  # fmt: skip


def ensure_leader_reports(users: list[str] | None = None) -> int:
	"""Create what is missing; never touch a report a leader or admin has changed."""
	created = 0
	for user in users if users is not None else county_leaders():
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
	"""doc_event (User, on_update): a new county leader gets the defaults at once."""
	if doc.enabled and "TwoDuty Viewer" in {r.role for r in doc.roles}:
		ensure_leader_reports([doc.name])
