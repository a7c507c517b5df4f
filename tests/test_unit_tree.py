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
from twoduty_app.services import unit_rules


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
