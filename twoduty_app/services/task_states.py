"""States of a rectification task and the deadline traffic light. Plain Python, no database."""

from datetime import date, timedelta

DRAFT = "Draft"
ISSUED = "Issued"
PLAN_SUBMITTED = "Plan Submitted"
IN_PROGRESS = "In Progress"
REPORT_SUBMITTED = "Report Submitted"
PENDING_RECHECK = "Pending Recheck"
CLOSED = "Closed"
CANCELLED = "Cancelled"

OPEN_STATES = (DRAFT, ISSUED, PLAN_SUBMITTED, IN_PROGRESS, REPORT_SUBMITTED, PENDING_RECHECK)
FINAL_STATES = (CLOSED, CANCELLED)
# the unit's turn: deadlines run and escalation applies
UNIT_TURN_STATES = (ISSUED, PLAN_SUBMITTED, IN_PROGRESS, REPORT_SUBMITTED)
# states after the plan was approved (or skipped): measures are locked
PLAN_LOCKED_STATES = (IN_PROGRESS, REPORT_SUBMITTED, PENDING_RECHECK, CLOSED)
# states that show a traffic light
LIT_STATES = (ISSUED, PLAN_SUBMITTED, IN_PROGRESS, REPORT_SUBMITTED, PENDING_RECHECK)

ON_TRACK = "On Track"
DUE_SOON = "Due Soon"
OVERDUE = "Overdue"


def is_return(old: str | None, new: str | None) -> bool:
	"""The unit head sent the plan or the report back to the unit."""
	return (old, new) in ((PLAN_SUBMITTED, ISSUED), (REPORT_SUBMITTED, IN_PROGRESS))


def traffic_light(state: str | None, deadline: date | None, today: date, due_soon_days: int) -> str:
	"""Green, yellow or red for an open task; empty for drafts and finished tasks."""
	if state not in LIT_STATES or not deadline:
		return ""
	if deadline < today:
		return OVERDUE
	if deadline <= today + timedelta(days=due_soon_days):
		return DUE_SOON
	return ON_TRACK


def escalation_steps(
	*,
	state: str,
	deadline: date,
	today: date,
	round_: int,
	failed_rechecks: int,
	reminded_round: int,
	notice_round: int,
	interview_round: int,
	due_soon_days: int,
	interview_after_overdue_days: int,
	interview_after_failed_rechecks: int,
) -> list[str]:
	"""The escalation steps still due for one task in its current round (each happens once a round).

	The daily job applies the same rules set-based in SQL; this is the reference the tests hold it to.
	"""
	if state not in UNIT_TURN_STATES:
		return []
	steps = []
	overdue = deadline < today
	if not overdue and deadline <= today + timedelta(days=due_soon_days) and reminded_round < round_:
		steps.append("reminder")
	if overdue and notice_round < round_:
		steps.append("notice")
	long_overdue = deadline < today - timedelta(days=interview_after_overdue_days)
	if (long_overdue or failed_rechecks >= interview_after_failed_rechecks) and interview_round < round_:
		steps.append("interview")
	return steps
