"""Shape of a demo county, as rows with nested-set bounds. Plain Python, no database."""

from dataclasses import dataclass, field
from itertools import cycle

from twoduty_app.demo import names
from twoduty_app.units.rules import is_group_type


@dataclass
class Shape:
	townships: int = 20
	villages_per_township: int = 12
	communities_per_township: int = 2
	stations_per_township: int = 3
	departments: int = 40
	sections_per_department: int = 3
	stations_per_department: int = 1

	def units_per_county(self) -> int:
		per_township = (
			1 + self.villages_per_township + self.communities_per_township + self.stations_per_township
		)
		per_department = 1 + self.sections_per_department + self.stations_per_department
		return 1 + self.townships * per_township + self.departments * per_department


@dataclass
class Node:
	unit_name: str
	unit_type: str
	category: str | None = None
	children: list["Node"] = field(default_factory=list)


def _numbered(stems: list[str], count: int, suffix: str) -> list[str]:
	out = []
	for i in range(count):
		stem = stems[i % len(stems)]
		lap = i // len(stems)
		out.append(f"{stem}{lap + 1 if lap else ''}{suffix}")
	return out


def county_node(county_name: str, shape: Shape) -> Node:
	county = Node(county_name, "County")
	for i, town in enumerate(_numbered(names.TOWNSHIP_STEMS, shape.townships, "")):
		kind = "镇" if i % 3 else "乡"
		township = Node(f"{town}{kind}", "Township")
		township.children += [
			Node(v, "Village") for v in _numbered(names.VILLAGE_STEMS, shape.villages_per_township, "村")
		]
		township.children += [
			Node(c, "Community")
			for c in _numbered(names.COMMUNITY_STEMS, shape.communities_per_township, "社区")
		]
		township.children += [
			Node(s, "Grassroots Station")
			for s in _numbered(names.TOWNSHIP_STATIONS, shape.stations_per_township, "")
		]
		county.children.append(township)
	pool = [(cat, name) for cat, items in names.DEPARTMENTS.items() for name in items]
	categories = cycle(pool)
	for i in range(shape.departments):
		category, dept_name = next(categories)
		lap = i // len(pool)
		department = Node(f"{dept_name}{lap + 1 if lap else ''}", "County Department", category)
		department.children += [
			Node(s, "Internal Section") for s in _numbered(names.SECTIONS, shape.sections_per_department, "")
		]
		department.children += [
			Node(s, "Grassroots Station")
			for s in _numbered(names.DEPARTMENT_STATIONS, shape.stations_per_department, "")
		]
		county.children.append(department)
	return county


def flatten(root: Node, start_lft: int, next_name) -> list[dict]:
	"""Rows for `TD Unit` with names and nested-set bounds, parents before children."""
	rows: list[dict] = []

	def walk(node: Node, parent: str | None, lft: int) -> int:
		row = {
			"name": next_name(),
			"unit_name": node.unit_name,
			"unit_type": node.unit_type,
			"department_category": node.category,
			"parent_td_unit": parent,
			"is_group": 1 if is_group_type(node.unit_type) else 0,
			"lft": lft,
		}
		rows.append(row)
		rgt = lft + 1
		for child in node.children:
			rgt = walk(child, row["name"], rgt) + 1
		row["rgt"] = rgt
		return rgt

	walk(root, None, start_lft)
	return rows
