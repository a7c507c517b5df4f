"""Who is who: county staff versus unit people, and who holds a role."""

import frappe

from twoduty_app.common.vocabulary import ADMIN_ROLES, COUNTY_STAFF_ROLES


def is_system_user(user: str | None = None) -> bool:
	"""Frappe's own Administrator: the system itself (patches, the scheduler, a bench console). It holds
	every role and passes the guards that bind even the county's administrator (a signed duty assignment,
	someone else's recheck)."""
	return (user or frappe.session.user) == "Administrator"


def has_any_role(roles, user: str | None = None) -> bool:
	"""The system user holds every role (as Frappe's own checks treat it)."""
	user = user or frappe.session.user
	if is_system_user(user):
		return True
	return bool(set(roles) & set(frappe.get_roles(user)))


def is_admin(user: str | None = None) -> bool:
	return has_any_role(ADMIN_ROLES, user)


def is_county_staff(user: str | None = None) -> bool:
	return has_any_role(COUNTY_STAFF_ROLES, user)


def users_with_role(role: str, *, unscoped_only: bool = False) -> list[str]:
	"""Enabled users holding `role`; with `unscoped_only`, those who are members of no unit (the
	county's own staff and leaders)."""
	HasRole = frappe.qb.DocType("Has Role")
	User = frappe.qb.DocType("User")
	query = (
		frappe.qb.from_(HasRole)
		.join(User)
		.on(HasRole.parent == User.name)
		.select(User.name)
		.distinct()
		.where((HasRole.role == role) & (HasRole.parenttype == "User") & (User.enabled == 1))
	)
	if unscoped_only:
		Member = frappe.qb.DocType("TD Unit Member")
		members = (
			frappe.qb.from_(Member)
			.select(Member.user)
			.where((Member.parenttype == "TD Unit") & (Member.is_current == 1))
		)
		query = query.where(User.name.notin(members))
	return query.orderby(User.name).run(pluck=True)
