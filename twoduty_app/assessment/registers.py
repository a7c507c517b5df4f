"""Registers kept all year: "三重一大" decisions (TD Major Decision) and integrity education (TD Education
Activity). Their rules live here, called from the thin controllers; the year's assessment reads them through
`decision_counts` and `education_counts`.

The checks of a major decision (each breach flags the record with one reason, kept in Chinese, one a line):

1. decided collectively at a meeting (集体研究决定): a meeting was held, and more than half of those who
   should attend were present (实到人数过半数): the attendee rows, and every member of the unit's leadership
   on the meeting day (each post but the liaison) whom the rows leave out, who counts as absent;
2. the unit's Party secretary (Unit Head) attended and spoke last among those who spoke (末位表态);
3. the discipline secretary attended (absent or not recorded: flagged);
4. an amount above `TD Settings.major_decision_amount` was not decided without a meeting.

Rules 2 and 3 are about the meeting: a decision taken without one is flagged by rules 1 and 4 only.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, flt, fmt_money, getdate, today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import first_changed, save_as_system
from twoduty_app.common.notify import notify
from twoduty_app.common.settings import get_settings
from twoduty_app.exceptions import RecordKeptError
from twoduty_app.permissions.roles import is_county_staff, users_with_role
from twoduty_app.units.lookups import is_member_of_unit_or_ancestors

DECISION = "TD Major Decision"
EDUCATION = "TD Education Activity"
REGISTERS = (DECISION, EDUCATION)
CONFIRMATION_FIELDS = ("confirmed", "confirmed_by", "confirmed_on")
# what the app computes on a decision: never set by hand
DECISION_SYSTEM_FIELDS = ("flagged", "flag_reasons")
# the language the flag reasons are kept in: the office's
REASONS_LANGUAGE = "zh"


# -- both registers ----------------------------------------------------------------------------------------


def set_year(doc, date_field: str) -> None:
	doc.year = getdate(doc.get(date_field)).year if doc.get(date_field) else None


def check_not_future(doc, date_field: str) -> None:
	if doc.get(date_field) and getdate(doc.get(date_field)) > getdate(today()):
		frappe.throw(
			_("{0} cannot be in the future: the register records what has taken place.").format(
				frappe.bold(_(doc.meta.get_label(date_field)))
			)
		)


def guard_confirmation(doc) -> None:
	"""The confirmation is the county's (`confirm`); a confirmed record is changed by the county only."""
	if doc.flags.via_system:
		return
	before = doc.get_doc_before_save()
	if first_changed(before, doc, CONFIRMATION_FIELDS):
		frappe.throw(_("Only the county confirms a record of the register."), frappe.PermissionError)
	if before and before.confirmed and not is_county_staff():
		frappe.throw(
			_("This record is confirmed by the county and can no longer be changed."), RecordKeptError
		)


def confirm(doc) -> None:
	"""The county's discipline commission, from outside the unit, confirms the record (县纪委确认)."""
	doc.check_permission("read")
	user = frappe.session.user
	if not is_county_staff(user) or is_member_of_unit_or_ancestors(user, doc.unit):
		frappe.throw(_("Only the county can confirm a record of the register."), frappe.PermissionError)
	if doc.confirmed:
		frappe.throw(_("This record is already confirmed."))
	doc.confirmed, doc.confirmed_by, doc.confirmed_on = 1, user, today()
	save_as_system(doc)


def check_private_file(doc, fieldname: str) -> None:
	"""Minutes and materials are read by those who may read the record: a private file only."""
	url = doc.get(fieldname)
	if url and not url.startswith("/private/files/"):
		frappe.throw(
			_("{0} is kept as a private file: upload it again with Private ticked.").format(
				frappe.bold(_(doc.meta.get_label(fieldname)))
			),
			frappe.PermissionError,
		)


def refuse_public_files(file_doc, method=None) -> None:
	"""doc_events (File, validate): a file attached to a register record stays private."""
	if file_doc.attached_to_doctype in REGISTERS and not file_doc.is_private:
		frappe.throw(
			_("Files of the registers are kept private: upload it as a private file."),
			frappe.PermissionError,
		)


# -- major decisions (三重一大) ------------------------------------------------------------------------------


def validate_decision(doc) -> None:
	set_year(doc, "decision_date")
	check_not_future(doc, "decision_date")
	guard_system_fields(doc)
	guard_confirmation(doc)
	check_meeting(doc)
	check_private_file(doc, "minutes")
	fill_attendee_names(doc)
	reasons = decision_reasons(doc, get_settings().major_decision_amount)
	doc.flagged = 1 if reasons else 0
	doc.flag_reasons = "\n".join(reasons)


def guard_system_fields(doc) -> None:
	if doc.flags.via_system:
		return
	if fieldname := first_changed(doc.get_doc_before_save(), doc, DECISION_SYSTEM_FIELDS):
		frappe.throw(
			_("{0} is kept by the system and cannot be set by hand.").format(
				frappe.bold(_(doc.meta.get_label(fieldname)))
			)
		)


def meeting_held(doc) -> bool:
	return bool(doc.meeting_kind) and doc.meeting_kind != v.NO_MEETING


def check_meeting(doc) -> None:
	if meeting_held(doc) and not doc.meeting_date:
		frappe.throw(_("Please enter the date of the meeting that took the decision."))
	if not meeting_held(doc):
		doc.meeting_date = None
	seen = set()
	for row in doc.attendees:
		order = cint(row.speaking_order)
		if order < 0:
			frappe.throw(_("Row {0}: the speaking order starts at 1.").format(row.idx))
		if order and not row.present:
			frappe.throw(
				_("Row {0}: a person absent from the meeting has no speaking order.").format(row.idx)
			)
		if order and order in seen:
			frappe.throw(_("Row {0}: two people cannot speak in the same place {1}.").format(row.idx, order))
		seen.add(order)


def fill_attendee_names(doc) -> None:
	for row in doc.attendees:
		if row.person and not row.attendee_name:
			row.attendee_name = frappe.db.get_value("User", row.person, "full_name")
		if not row.person and not row.attendee_name:
			frappe.throw(_("Row {0}: name the attendee.").format(row.idx))


def decision_reasons(doc, threshold: float, lang: str = REASONS_LANGUAGE) -> list[str]:
	"""What is wrong with the decision, one sentence a reason, in `lang` (empty: nothing)."""
	reasons = []
	if not meeting_held(doc):
		reasons.append(_("Not decided collectively: no meeting was held.", lang=lang))
		if flt(doc.amount) > flt(threshold):
			reasons.append(
				_("An amount of {0} yuan, above {1} yuan, was decided without a meeting.", lang=lang).format(
					fmt_money(doc.amount, precision=2), fmt_money(threshold, precision=2)
				)
			)
		return reasons
	rows = list(doc.attendees)
	present = [row for row in rows if row.present]
	expected = len(rows) + len(leaders_not_recorded(doc))
	if 2 * len(present) <= expected:
		reasons.append(
			_(
				"Not decided collectively: no more than half of the members attended ({0} of {1}).", lang=lang
			).format(len(present), expected)
		)
	heads = [row for row in present if row.position == v.UNIT_HEAD]
	if not heads:
		reasons.append(_("The unit head did not attend the meeting.", lang=lang))
	else:
		head_order = max(cint(row.speaking_order) for row in heads)
		others = [cint(row.speaking_order) for row in present if row.position != v.UNIT_HEAD]
		if not head_order or any(order >= head_order for order in others):
			reasons.append(_("The unit head did not speak last.", lang=lang))
	if not any(row.present and row.position == v.DISCIPLINE_SECRETARY for row in rows):
		reasons.append(
			_("The discipline secretary did not attend the meeting or is not recorded.", lang=lang)
		)
	return reasons


# who should attend a leadership meeting: the unit's leadership (班子成员), every post but the liaison
LEADERSHIP_POSITIONS = tuple(p for p in v.POSITIONS if p != v.LIAISON)


def leaders_not_recorded(doc) -> list[str]:
	"""Members of the unit's leadership on the meeting day whom no attendee row names (by person or by
	name): left out of the record, they count as absent, so a record cannot reach a quorum by leaving the
	absent out."""
	if not doc.unit:
		return []
	day = getdate(doc.meeting_date or doc.decision_date or today())
	Member = frappe.qb.DocType("TD Unit Member")
	leaders = (
		frappe.qb.from_(Member)
		.select(Member.user, Member.full_name)
		.where(
			(Member.parenttype == "TD Unit")
			& (Member.parentfield == "members")
			& (Member.parent == doc.unit)
			& Member.position.isin(LEADERSHIP_POSITIONS)
			& (Member.from_date.isnull() | (Member.from_date <= day))
			& (Member.to_date.isnull() | (Member.to_date >= day))
		)
		.run(as_dict=True)
	)
	people = {row.person for row in doc.attendees if row.person}
	names = {(row.attendee_name or "").strip() for row in doc.attendees} - {""}
	missing = {m.user for m in leaders if m.user not in people and (m.full_name or "").strip() not in names}
	return sorted(missing)


def after_decision_saved(doc) -> None:
	"""A decision newly flagged goes to the county's inspectors (the escalation's first readers)."""
	before = doc.get_doc_before_save()
	if doc.flagged and not (before and before.flagged):
		notify_flagged(doc)


def notify_flagged(doc) -> None:
	notify(
		users_with_role(v.ROLE_INSPECTOR, unscoped_only=True),
		doc.doctype,
		doc.name,
		lambda lang: _("Major decision flagged: {0}, {1}", lang=lang).format(
			doc.unit_name or doc.unit, doc.subject
		),
		lambda lang: _("Decision {0} of {1}: {2}", lang=lang).format(
			doc.name,
			frappe.format(doc.decision_date, {"fieldtype": "Date"}),
			"；".join((doc.flag_reasons or "").splitlines()),
		),
	)


# -- integrity education (廉政教育) -------------------------------------------------------------------------


def validate_education(doc) -> None:
	set_year(doc, "activity_date")
	check_not_future(doc, "activity_date")
	guard_confirmation(doc)
	check_private_file(doc, "materials")
	fill_attendee_names(doc)
	check_scores(doc)


def check_scores(doc) -> None:
	"""A score belongs to a knowledge test (知识测试), from 0 to 100, for a person present."""
	low, high = v.TEST_SCORE_RANGE
	for row in doc.attendees:
		if row.score is None or row.score == "":
			continue
		score = flt(row.score)
		if doc.activity_kind != v.KNOWLEDGE_TEST:
			if score:
				frappe.throw(
					_("Row {0}: only a knowledge test has scores.").format(row.idx), frappe.ValidationError
				)
			continue
		if not low <= score <= high:
			frappe.throw(
				_("Row {0}: a test score lies between {1} and {2}.").format(row.idx, low, high),
				frappe.ValidationError,
			)
		if score and not row.present:
			frappe.throw(_("Row {0}: a person absent from the test has no score.").format(row.idx))


# -- what the assessment reads -----------------------------------------------------------------------------


def decision_counts(year: int, units=None) -> dict[str, dict[str, int]]:
	"""Per unit (the record's own unit, not its branch): the year's decisions and how many are flagged.
	`units`: limit to these units (None: every unit)."""
	Decision = frappe.qb.DocType(DECISION)
	query = (
		frappe.qb.from_(Decision)
		.select(Decision.unit, Count("*"), Sum(Decision.flagged))
		.where(Decision.year == cint(year))
		.groupby(Decision.unit)
	)
	if units is not None:
		query = query.where(Decision.unit.isin(list(units) or [""]))
	return {unit: {"decisions": int(n), "flagged": int(flagged or 0)} for unit, n, flagged in query.run()}


def education_counts(year: int, units=None) -> dict[str, dict[str, int]]:
	"""Per unit (the record's own unit): the year's integrity education activities."""
	Activity = frappe.qb.DocType(EDUCATION)
	query = (
		frappe.qb.from_(Activity)
		.select(Activity.unit, Count("*"))
		.where(Activity.year == cint(year))
		.groupby(Activity.unit)
	)
	if units is not None:
		query = query.where(Activity.unit.isin(list(units) or [""]))
	return {unit: {"activities": int(n)} for unit, n in query.run()}
