"""Rules of a rectification task's states and its deadline traffic light. Plain Python, no database.

The state names and their groups are vocabulary (`common/vocabulary.py`); they are imported here so that
the cycle's code reads `ts.CLOSED`, `ts.UNIT_TURN_STATES` and the like from one module."""

from datetime import date

from twoduty_app.common.dates import deadline_light
from twoduty_app.common.vocabulary import (
	CANCELLED,
	CLOSED,
	DRAFT,
	DUE_SOON,
	FINAL_STATES,
	IN_PROGRESS,
	ISSUED,
	LIT_STATES,
	ON_TRACK,
	OPEN_STATES,
	OVERDUE,
	PENDING_RECHECK,
	PLAN_LOCKED_STATES,
	PLAN_SUBMITTED,
	REPORT_SUBMITTED,
	UNIT_TURN_STATES,
)

# moves made at the unit's desk (its liaison or head) and by its head alone
DESK_MOVES = frozenset(
	{
		(ISSUED, PLAN_SUBMITTED),
		(ISSUED, IN_PROGRESS),
		(ISSUED, REPORT_SUBMITTED),
		(IN_PROGRESS, REPORT_SUBMITTED),
	}
)
HEAD_MOVES = frozenset(
	{
		(PLAN_SUBMITTED, IN_PROGRESS),
		(PLAN_SUBMITTED, ISSUED),
		(REPORT_SUBMITTED, PENDING_RECHECK),
		(REPORT_SUBMITTED, IN_PROGRESS),
	}
)


def is_return(old: str | None, new: str | None) -> bool:
	"""The unit head sent the plan or the report back to the unit."""
	return (old, new) in ((PLAN_SUBMITTED, ISSUED), (REPORT_SUBMITTED, IN_PROGRESS))


def traffic_light(state: str | None, deadline: date | None, today: date, soon_limit: date) -> str:
	"""Green, yellow or red for an open task (yellow up to `soon_limit`); empty for drafts and finished
	tasks."""
	if state not in LIT_STATES or not deadline:
		return ""
	return deadline_light(deadline, today, soon_limit)
