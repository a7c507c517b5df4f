"""The demo/scale generator writes a valid tree: same bounds Frappe would compute, nesting rules kept."""

import frappe
import pytest
from frappe.utils.nestedset import rebuild_tree

from tests.factories import uid
from twoduty_app.common.vocabulary import DEPARTMENT_CATEGORIES
from twoduty_app.demo.generator import insert_county
from twoduty_app.demo.tree import Shape
from twoduty_app.units import rules as unit_rules

SMALL = Shape(townships=3, villages_per_township=4, departments=5)


@pytest.fixture
def small_county():
	name = f"生成县-{uid()}"
	created = insert_county(name, SMALL)
	yield name, created
	frappe.db.rollback()


def test_generator_creates_the_shape_it_promises(small_county):
	name, created = small_county
	assert created == SMALL.units_per_county()
	root = frappe.get_doc("TD Unit", {"unit_name": name})
	assert frappe.db.count("TD Unit", {"lft": (">=", root.lft), "rgt": ("<=", root.rgt)}) == created
	departments = frappe.get_all(
		"TD Unit",
		{"parent_td_unit": root.name, "unit_type": "County Department"},
		pluck="department_category",
	)
	assert len(departments) == 5 and set(departments) <= set(DEPARTMENT_CATEGORIES)


def test_generated_bounds_equal_frappes_own(small_county):
	name, _created = small_county
	root = frappe.db.get_value("TD Unit", {"unit_name": name}, ["lft", "rgt"], as_dict=True)
	before = frappe.get_all(
		"TD Unit", {"lft": (">=", root.lft), "rgt": ("<=", root.rgt)}, ["name", "lft", "rgt"]
	)
	rebuild_tree("TD Unit")
	after = {r.name: (r.lft, r.rgt) for r in frappe.get_all("TD Unit", fields=["name", "lft", "rgt"])}
	shift = after[before[0].name][0] - before[0].lft if before else 0
	for row in before:
		assert after[row.name] == (row.lft + shift, row.rgt + shift)


def test_every_generated_unit_keeps_the_nesting_rules(small_county):
	name, _created = small_county
	root = frappe.db.get_value("TD Unit", {"unit_name": name}, ["lft", "rgt"], as_dict=True)
	rows = frappe.get_all(
		"TD Unit", {"lft": (">=", root.lft), "rgt": ("<=", root.rgt)}, ["name", "unit_type", "parent_td_unit"]
	)
	types = {r.name: r.unit_type for r in rows}
	for r in rows:
		assert unit_rules.is_valid_parent(r.unit_type, types.get(r.parent_td_unit)), r
		# and the controller agrees when the unit is saved normally
	frappe.get_doc("TD Unit", rows[-1].name).save()
