"""Unit membership keeps users' roles and User Permissions in step (saved by a county admin)."""

import frappe
import pytest

from tests.factories import make_unit, make_user, set_members, uid, unit_permissions, user_roles
from twoduty_app.permissions.unit_scope import is_unit_in_scope


@pytest.fixture
def township():
	frappe.set_user("Administrator")
	county = make_unit(f"成员县-{uid()}", "County")
	town = make_unit("青山镇", "Township", county)
	other = make_unit("绿水镇", "Township", county)
	admin = make_user("member-admin", ("TwoDuty Admin",))
	frappe.set_user(admin)
	yield {"county": county, "town": town, "other": other}
	frappe.set_user("Administrator")
	frappe.db.rollback()


def test_member_gets_the_positions_role_and_a_unit_permission(township):
	liaison = make_user("m-liaison")
	set_members(township["town"], [(liaison, "Liaison")])
	assert "TwoDuty Liaison" in user_roles(liaison)
	assert unit_permissions(liaison) == {township["town"]}
	assert frappe.db.get_value("User", liaison, "user_type") == "System User"


def test_removing_a_member_revokes_role_and_unit_permission(township):
	liaison = make_user("m-gone")
	set_members(township["town"], [(liaison, "Liaison")])
	set_members(township["town"], [])
	assert "TwoDuty Liaison" not in user_roles(liaison)
	assert unit_permissions(liaison) == set()


def test_changing_position_swaps_the_role(township):
	person = make_user("m-promoted")
	set_members(township["town"], [(person, "Team Member")])
	set_members(township["town"], [(person, "Unit Head")])
	roles = user_roles(person)
	assert "TwoDuty Unit Head" in roles
	assert "TwoDuty Team Member" not in roles
	assert unit_permissions(person) == {township["town"]}


def test_role_stays_while_another_unit_still_needs_it(township):
	person = make_user("m-two-hats")
	set_members(township["town"], [(person, "Liaison")])
	set_members(township["other"], [(person, "Liaison")])
	set_members(township["town"], [])
	assert "TwoDuty Liaison" in user_roles(person)
	assert unit_permissions(person) == {township["other"]}


def test_other_roles_of_the_user_are_left_alone(township):
	person = make_user("m-inspector", ("TwoDuty Inspector",))
	set_members(township["town"], [(person, "Team Member")])
	set_members(township["town"], [])
	assert "TwoDuty Inspector" in user_roles(person)


def test_deleting_a_unit_revokes_its_members_access(township):
	village = make_unit("桃园村", "Village", township["town"])
	liaison = make_user("m-village")
	set_members(village, [(liaison, "Liaison")])
	frappe.delete_doc("TD Unit", village)
	assert unit_permissions(liaison) == set()
	assert "TwoDuty Liaison" not in user_roles(liaison)


def test_team_member_records_the_sub_units_overseen(township):
	village = make_unit("杏花村", "Village", township["town"])
	member = make_user("m-oversee")
	doc = frappe.get_doc("TD Unit", township["town"])
	doc.append("members", {"user": member, "position": "Team Member"})
	doc.append("oversight", {"user": member, "overseen_unit": village})
	doc.save()
	assert frappe.get_all("TD Unit Oversight", {"parent": township["town"]}, pluck="overseen_unit") == [
		village
	]


def test_oversight_of_a_unit_outside_the_branch_is_rejected(township):
	from twoduty_app.exceptions import InvalidOversightError

	foreign = make_unit("外镇村", "Village", township["other"])
	member = make_user("m-overreach")
	doc = frappe.get_doc("TD Unit", township["town"])
	doc.append("members", {"user": member, "position": "Team Member"})
	doc.append("oversight", {"user": member, "overseen_unit": foreign})
	with pytest.raises(InvalidOversightError):
		doc.save()
	assert unit_permissions(member) == set()


def test_new_village_is_visible_to_township_members_at_once(township):
	liaison = make_user("m-fresh")
	set_members(township["town"], [(liaison, "Liaison")])
	frappe.set_user(liaison)
	before = set(frappe.get_list("TD Unit", pluck="name"))
	# warm Frappe's per-user permission cache before the tree changes
	frappe.permissions.get_user_permissions(liaison)
	frappe.set_user("Administrator")
	village = make_unit("新建村", "Village", township["town"])
	frappe.set_user(liaison)
	after = set(frappe.get_list("TD Unit", pluck="name"))
	assert after == before | {village}
	assert frappe.get_doc("TD Unit", village).has_permission("read")
	assert is_unit_in_scope(village, liaison)
