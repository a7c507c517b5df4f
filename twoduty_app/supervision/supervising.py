"""Who supervises whom (逐级监督): the county, and each unit's heads over their own unit's branch.

An interview, an inspection and a rectification task name the unit whose heads hold or issued it (empty:
the county's discipline commission). A unit's Party secretary (Unit Head) or discipline secretary records
interviews and inspections of units of the unit's own branch, its own self-review (回头看) included, raises
and issues rectification tasks from them, and rechecks the tasks of the units below; never for a unit
outside the branch. The county supervises everything.

The issuing rule is written twice by necessity, as Python (the controllers' check, every door) and as the
workflow transitions' `condition` (the buttons); `tests/test_cascade.py` holds the fixture to the text here.
"""

import frappe
from frappe import _

from twoduty_app.exceptions import OutsideBranchError
from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.permissions.unit_scope import SUPERVISOR_POSITIONS, headed_units
from twoduty_app.units.lookups import ancestors_and_self

# the workflow's condition for a unit's heads issuing a task in their unit's name
ISSUER_CONDITION = (
	'doc.issuing_unit and frappe.db.get_value("TD Unit Member", {"parenttype": "TD Unit", '
	'"parent": doc.issuing_unit, "user": frappe.session.user, "position": ["in", '
	+ str(list(SUPERVISOR_POSITIONS)).replace("'", '"')
	+ '], "is_current": 1})'
)


def supervises(user: str, unit: str | None, supervising_unit: str | None) -> bool:
	"""`user` acts for whoever supervises `unit`'s record held or issued by `supervising_unit` (empty: the
	county): the county's staff, or a head of that unit, which must be the unit or one above it."""
	if is_county_staff(user):
		return True
	return bool(
		unit
		and supervising_unit
		and supervising_unit in headed_units(user)
		and supervising_unit in ancestors_and_self(unit)
	)


def _unit_name(unit: str) -> str:
	return frappe.db.get_value("TD Unit", unit, "unit_name") or unit


def _messages(doctype: str) -> tuple[str, str, str]:
	"""(none headed, outside the branch, not a head of it) for interviews and inspections, or for tasks."""
	if doctype == "TD Rectification Task":
		return (
			_("You can issue rectification tasks only to units of your own unit's branch."),
			_(
				"{0} is not in the branch of {1}: a unit issues rectification tasks only to itself and the units under it."
			),
			_(
				"Only the Party secretary or the discipline secretary of {0} can issue its rectification tasks."
			),
		)
	return (
		_("You can record interviews and inspections only of units of your own unit's branch."),
		_(
			"{0} is not in the branch of {1}: a unit interviews and inspects only itself and the units under it."
		),
		_(
			"Only the Party secretary or the discipline secretary of {0} can record its interviews and inspections."
		),
	)


def resolve_supervising_unit(doc, field: str, acting: bool = True) -> None:
	"""Checks (and, for a unit's heads who left it empty, fills) `doc.<field>`: the unit that holds or
	issues `doc`, which concerns `doc.unit`. `acting` is false for the cycle's own saves, which only keep
	the branch rule."""
	none_headed, outside, not_head = _messages(doc.doctype)
	supervising = doc.get(field)
	user = frappe.session.user
	by_unit_heads = acting and not is_county_staff(user)
	if not supervising and by_unit_heads:
		# a unit's heads act in their unit's name: the nearest unit they head on the way up
		mine = set(headed_units(user))
		supervising = next((u for u in ancestors_and_self(doc.unit) if u in mine), None) if doc.unit else None
		if not supervising:
			frappe.throw(none_headed, OutsideBranchError, title=_("Outside Your Branch"))
		doc.set(field, supervising)
	if not supervising:
		return
	if supervising not in ancestors_and_self(doc.unit):
		frappe.throw(
			outside.format(
				frappe.bold(doc.get("unit_name") or doc.unit), frappe.bold(_unit_name(supervising))
			),
			OutsideBranchError,
			title=_("Outside Your Branch"),
		)
	if by_unit_heads and supervising not in headed_units(user):
		frappe.throw(
			not_head.format(frappe.bold(_unit_name(supervising))),
			OutsideBranchError,
			title=_("Outside Your Branch"),
		)
