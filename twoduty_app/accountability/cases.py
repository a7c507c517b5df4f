"""Accountability (责任追究) with 一案双查: a case is pursued on both lines at once, the Party committee's
principal duty (主体责任) and the discipline commission's supervisory duty (监督责任).

The rules of a case that do not need its form: which rows a decision still lacks, who held the posts on the
date of the facts, and the notice each person concerned receives (his or her own rows, nothing else)."""

from datetime import date

import frappe
from frappe import _

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import written_date
from twoduty_app.common.notify import notify
from twoduty_app.units.membership import holders_on, post_held

# what every row needs before the case is decided
DECISION_FIELDS = ("decided_handling", "decision_number", "decision_date")


def missing_lines(lines) -> list[str]:
	"""The duty lines with no row: a decision needs both."""
	present = {row.line for row in lines}
	return [line for line in v.DUTY_LINES if line not in present]


def incomplete_rows(lines) -> list[int]:
	"""Row numbers still lacking the decided handling, the decision's number or its date."""
	return [row.idx for row in lines if not all(str(row.get(f) or "").strip() for f in DECISION_FIELDS)]


def unreasoned_rows(lines) -> list[int]:
	"""Rows deciding no accountability (不予问责) without a written reason."""
	return [
		row.idx
		for row in lines
		if row.decided_handling == v.NO_ACCOUNTABILITY and not (row.reason or "").strip()
	]


def proposed_rows(unit: str, day: date, present: set[tuple[str, str]]) -> list[dict]:
	"""Rows for the people who held the posts of each line in the unit on `day` (the date of the facts):
	the heads (Party and administrative) on the principal duty, the discipline secretary on the
	supervisory duty. `present` holds (line, person) already in the case; they are not proposed again."""
	rows = []
	for line, positions in v.LINE_POSITIONS.items():
		for position in positions:
			for user in holders_on(unit, position, day):
				if (line, user) not in present:
					present.add((line, user))
					rows.append({"line": line, "person": user, "position": position})
	return rows


def fill_positions(case) -> None:
	"""A row named by hand gets the post its person held in the case's unit on the date of the facts,
	where the unit's memberships tell it (a post held elsewhere is the county's to enter)."""
	if not (case.unit and case.facts_date):
		return
	for row in case.lines:
		if row.person and not row.position:
			row.position = post_held(row.person, case.unit, case.facts_date)


def notify_decision(case) -> None:
	"""Each person concerned is told of the decision on his or her own rows only, in his or her language."""
	rows_of: dict[str, list] = {}
	for row in case.lines:
		rows_of.setdefault(row.person, []).append(row)
	for person, rows in rows_of.items():
		notify(
			[person],
			case.doctype,
			case.name,
			lambda lang: _("Accountability decision {0} concerning you", lang=lang).format(
				case.document_number
			),
			lambda lang, rows=rows: " ".join(decision_text(case, row, lang) for row in rows),
			link=False,  # the case is the county's: its person reads his rows here, not the form
		)


def decision_text(case, row, lang: str) -> str:
	"""One row of the decision as its person reads it."""
	text = _(
		"{0} ({1}): as {2} of {3} on {4}, on the {5} line, the failure found: {6}. Decided: {7}, by decision {8} of {9}.",
		lang=lang,
	).format(
		case.document_number,
		written_date(case.decided_on, lang),
		_(row.position, lang=lang) if row.position else _("the person responsible", lang=lang),
		case.unit_name or case.unit,
		written_date(case.facts_date, lang),
		_(row.line, lang=lang),
		(row.failure or "").strip() or _("not stated", lang=lang),
		_(row.decided_handling, lang=lang),
		row.decision_number,
		written_date(row.decision_date, lang),
	)
	if (row.reason or "").strip():
		text += " " + _("Reason: {0}", lang=lang).format(row.reason.strip())
	return text
