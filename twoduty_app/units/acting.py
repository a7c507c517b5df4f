"""Who acts for a unit: its liaison and head at the unit's desk (submitting plans and reports), its head
alone for approval, returns and sign-off, and a deputy the head named for a period (`TD Delegation`).

A head of a township does not act for the villages below it: each task is worked by the people of its own
unit. The same rules are written twice by necessity, once as Python (the controllers' check, for every door
including `/api/resource`) and once as the workflow transitions' `condition` text (which decides the buttons
the desk and the phone page show); `tests/test_acting.py` holds the two to the same answers."""

import frappe
from frappe.utils import getdate, nowdate

from twoduty_app.common.vocabulary import LIAISON, UNIT_HEAD

DESK_POSITIONS = (LIAISON, UNIT_HEAD)
HEAD_POSITIONS = (UNIT_HEAD,)


def holds_position(user: str, unit: str | None, positions: tuple[str, ...]) -> bool:
	return bool(
		unit
		and frappe.db.exists(
			"TD Unit Member",
			{
				"parenttype": "TD Unit",
				"parent": unit,
				"user": user,
				"position": ("in", positions),
				"is_current": 1,
			},
		)
	)


def is_deputy(user: str, unit: str | None, day=None) -> bool:
	"""`user` acts for the head of `unit` on `day` (today by default)."""
	day = getdate(day or nowdate())
	return bool(
		unit
		and frappe.db.exists(
			"TD Delegation",
			{"unit": unit, "deputy": user, "from_date": ("<=", day), "to_date": (">=", day)},
		)
	)


def acts_at_desk(user: str, unit: str | None) -> bool:
	"""May submit the unit's plans and reports."""
	return holds_position(user, unit, DESK_POSITIONS) or is_deputy(user, unit)


def acts_as_head(user: str, unit: str | None) -> bool:
	"""May approve, return and sign off the unit's plans and reports."""
	return holds_position(user, unit, HEAD_POSITIONS) or is_deputy(user, unit)


# -- the same rules as workflow conditions (frappe.safe_eval with `doc`, `frappe.db.get_value`, the session)
def _member_condition(positions: tuple[str, ...]) -> str:
	return (
		'frappe.db.get_value("TD Unit Member", {"parenttype": "TD Unit", "parent": doc.unit, '
		f'"user": frappe.session.user, "position": ["in", {list(positions)!r}], "is_current": 1}})'
	).replace("'", '"')


# a date field holds no time: "to_date >= today" reads as "to_date later than this moment a day ago"
DEPUTY_CONDITION = (
	'frappe.db.get_value("TD Delegation", {"unit": doc.unit, "deputy": frappe.session.user, '
	'"from_date": ["<=", frappe.utils.now()], '
	'"to_date": [">", frappe.utils.add_to_date(frappe.utils.now(), days=-1)]})'
)
DESK_CONDITION = f"{_member_condition(DESK_POSITIONS)} or {DEPUTY_CONDITION}"
HEAD_CONDITION = f"{_member_condition(HEAD_POSITIONS)} or {DEPUTY_CONDITION}"
SIGNER_CONDITION = _member_condition(HEAD_POSITIONS)
