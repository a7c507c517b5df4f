"""Who is who: county staff versus unit people."""

import frappe

ADMIN_ROLES = ("TwoDuty Admin", "System Manager")
COUNTY_STAFF_ROLES = ("TwoDuty Admin", "TwoDuty Inspector", "System Manager")


def has_any_role(roles, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(set(roles) & set(frappe.get_roles(user)))


def is_admin(user: str | None = None) -> bool:
	return has_any_role(ADMIN_ROLES, user)


def is_county_staff(user: str | None = None) -> bool:
	return has_any_role(COUNTY_STAFF_ROLES, user)
