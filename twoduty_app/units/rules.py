"""Rules of the unit tree. Plain Python: no database, unit-testable on its own."""

from twoduty_app.common.vocabulary import (
	COMMUNITY,
	COUNTY,
	DEPARTMENT,
	FIRST_LEVEL_TYPES,
	SECTION,
	STATION,
	TOWNSHIP,
	VILLAGE,
)

# unit type -> the unit types its parent may have (None: it must be a root)
ALLOWED_PARENTS: dict[str, tuple[str, ...] | None] = {
	COUNTY: None,
	TOWNSHIP: (COUNTY,),
	DEPARTMENT: (COUNTY,),
	VILLAGE: (TOWNSHIP,),
	COMMUNITY: (TOWNSHIP,),
	STATION: (TOWNSHIP, DEPARTMENT),
	SECTION: (DEPARTMENT,),
}

# types that may have sub-units
GROUP_TYPES = frozenset({COUNTY, TOWNSHIP, DEPARTMENT})


def allowed_parent_types(unit_type: str) -> tuple[str, ...] | None:
	return ALLOWED_PARENTS.get(unit_type)


def is_valid_parent(unit_type: str, parent_type: str | None) -> bool:
	"""True when a unit of `unit_type` may sit under a unit of `parent_type` (None: at the root)."""
	allowed = ALLOWED_PARENTS.get(unit_type, ())
	if allowed is None:
		return parent_type is None
	return parent_type in allowed


def needs_department_category(unit_type: str) -> bool:
	return unit_type == DEPARTMENT


def is_group_type(unit_type: str) -> bool:
	return unit_type in GROUP_TYPES


def first_level_of(name: str, unit_type: str, parent: str | None) -> str | None:
	"""The township or county department a unit belongs to (itself at that level; none for a county).
	The tree is three levels deep, so a grassroots unit's parent is its first-level unit."""
	if unit_type in FIRST_LEVEL_TYPES:
		return name
	if unit_type == COUNTY:
		return None
	return parent
