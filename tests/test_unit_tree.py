"""Rules of the unit tree, exercised by a county admin (TwoDuty Admin)."""

import frappe
import pytest

from tests.factories import make_unit, make_user, uid
from twoduty_app.exceptions import (
	DepartmentCategoryError,
	DuplicateMemberError,
	DuplicateUnitError,
	InvalidUnitParentError,
)
from twoduty_app.units import rules as unit_rules


@pytest.fixture
def county_admin():
	frappe.set_user("Administrator")
	county = make_unit(f"规则县-{uid()}", "County")
	township = make_unit("城关镇", "Township", county)
	department = make_unit("县教育局", "County Department", county, category="Government Department")
	admin = make_user("tree-admin", ("TwoDuty Admin",))
	frappe.set_user(admin)
	yield {"county": county, "township": township, "department": department, "admin": admin}
	frappe.set_user("Administrator")
	frappe.db.rollback()


def new_unit(name, unit_type, parent=None, category=None, members=()):
	return frappe.get_doc(
		{
			"doctype": "TD Unit",
			"unit_name": name,
			"unit_type": unit_type,
			"parent_td_unit": parent,
			"department_category": category,
			"members": [{"user": u, "position": p} for u, p in members],
		}
	)


def test_nesting_table_matches_the_domain():
	assert unit_rules.is_valid_parent("County", None)
	assert not unit_rules.is_valid_parent("County", "County")
	assert unit_rules.is_valid_parent("Township", "County")
	assert unit_rules.is_valid_parent("County Department", "County")
	assert unit_rules.is_valid_parent("Village", "Township")
	assert not unit_rules.is_valid_parent("Village", "County Department")
	assert unit_rules.is_valid_parent("Grassroots Station", "Township")
	assert unit_rules.is_valid_parent("Grassroots Station", "County Department")
	assert unit_rules.is_valid_parent("Internal Section", "County Department")
	assert not unit_rules.is_valid_parent("Internal Section", "Township")
	assert not unit_rules.is_valid_parent("Township", None)


def test_admin_builds_a_valid_branch(county_admin):
	village = new_unit("河东村", "Village", county_admin["township"]).insert()
	station = new_unit("农技站", "Grassroots Station", county_admin["department"]).insert()
	section = new_unit("办公室", "Internal Section", county_admin["department"]).insert()
	assert village.parent_td_unit == county_admin["township"]
	assert station.parent_td_unit == county_admin["department"]
	assert section.parent_td_unit == county_admin["department"]
	township = frappe.get_doc("TD Unit", county_admin["township"])
	assert township.lft < village.lft < village.rgt < township.rgt
	assert township.is_group == 1 and village.is_group == 0


def assert_rejected(doc, error, count_before=None):
	count_before = frappe.db.count("TD Unit") if count_before is None else count_before
	with pytest.raises(error):
		doc.insert()
	assert frappe.db.count("TD Unit") == count_before, "a rejected unit must not be saved"


def test_township_cannot_sit_under_a_township(county_admin):
	assert_rejected(new_unit("错位镇", "Township", county_admin["township"]), InvalidUnitParentError)


def test_village_cannot_sit_under_a_department(county_admin):
	assert_rejected(new_unit("错位村", "Village", county_admin["department"]), InvalidUnitParentError)


def test_internal_section_cannot_sit_under_a_township(county_admin):
	assert_rejected(new_unit("错位股", "Internal Section", county_admin["township"]), InvalidUnitParentError)


def test_county_is_always_a_root(county_admin):
	assert_rejected(new_unit("错位县", "County", county_admin["county"]), InvalidUnitParentError)


def test_township_needs_a_parent(county_admin):
	assert_rejected(new_unit("无上级镇", "Township"), InvalidUnitParentError)


def test_county_department_needs_a_category(county_admin):
	assert_rejected(
		new_unit("县审计局", "County Department", county_admin["county"]), DepartmentCategoryError
	)


def test_only_departments_carry_a_category(county_admin):
	doc = new_unit("石桥村", "Village", county_admin["township"], category="Stationed Unit")
	assert_rejected(doc, DepartmentCategoryError)


def test_same_name_twice_at_one_level_is_rejected(county_admin):
	assert_rejected(new_unit("城关镇", "Township", county_admin["county"]), DuplicateUnitError)


def test_duplicate_member_is_rejected_and_membership_unchanged(county_admin):
	liaison = make_user("dup-liaison")
	unit = frappe.get_doc("TD Unit", county_admin["township"])
	unit.append("members", {"user": liaison, "position": "Liaison"})
	unit.save()
	unit.append("members", {"user": liaison, "position": "Team Member"})
	with pytest.raises(DuplicateMemberError):
		unit.save()
	stored = frappe.get_all("TD Unit Member", {"parent": unit.name}, ["user", "position"])
	assert [(r.user, r.position) for r in stored] == [(liaison, "Liaison")]
	assert "TwoDuty Team Member" not in frappe.get_roles(liaison)


def test_moving_a_unit_to_a_wrong_parent_is_rejected(county_admin):
	village = new_unit("河西村", "Village", county_admin["township"]).insert()
	village.parent_td_unit = county_admin["department"]
	with pytest.raises(InvalidUnitParentError):
		village.save()
	assert frappe.db.get_value("TD Unit", village.name, "parent_td_unit") == county_admin["township"]


def test_wrong_parent_error_reads_in_chinese(county_admin):
	frappe.local.lang = "zh"
	with pytest.raises(InvalidUnitParentError) as caught:
		new_unit("错位镇", "Township", county_admin["township"]).insert()
	message = str(caught.value)
	assert "乡镇" in message and "县" in message, message
	assert "must sit under" not in message


def test_unit_head_cannot_create_or_edit_units(county_admin):
	head = make_user("tree-head")
	frappe.set_user(county_admin["admin"])
	unit = frappe.get_doc("TD Unit", county_admin["township"])
	unit.append("members", {"user": head, "position": "Unit Head"})
	unit.save()
	frappe.set_user(head)
	with pytest.raises(frappe.PermissionError):
		new_unit("私设村", "Village", county_admin["township"]).insert()
	unit = frappe.get_doc("TD Unit", county_admin["township"])
	unit.unit_name = "改名镇"
	with pytest.raises(frappe.PermissionError):
		unit.save()
