# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

"""问责案件: Draft → Under Investigation → Decided → Case Closed, moved by the county's actions only.

Whitelisted methods rather than a Frappe Workflow: every step has a rule the server must check whatever the
door (both lines before the decision, the 文号 given at the decision, the notices to the people concerned),
which a workflow would leave to a controller anyway; a workflow would also add its fixtures (re-inserted by
every migrate), its Workflow Action records and mails, and edit rules per state that Frappe enforces only
in the browser. Each method reads the case as stored, checks, and saves it through `validate`."""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from twoduty_app.accountability import cases
from twoduty_app.common import vocabulary as v
from twoduty_app.common.print_helpers import next_document_number
from twoduty_app.exceptions import CaseLinesError, CaseLockedError
from twoduty_app.permissions.roles import is_county_staff

# kept by the actions; nobody types them
SYSTEM_FIELDS = ("status", "document_number", "decided_on", "decided_by", "closed_on")
# what a decision keeps as it was decided
KEPT_FIELDS = ("unit", "trigger", "facts_date", "year", "facts")
LINE_FIELDS = (
	"line",
	"person",
	"position",
	"failure",
	"proposed_handling",
	"decided_handling",
	"reason",
	"decision_number",
	"decision_date",
)
SOURCE_FIELDS = ("source_doctype", "source_name")
# action -> (the status it starts from, the status it leads to)
ACTIONS = {
	"start_investigation": (v.DRAFT, v.UNDER_INVESTIGATION),
	"decide": (v.UNDER_INVESTIGATION, v.CASE_DECIDED),
	"close_case": (v.CASE_DECIDED, v.CASE_CLOSED),
}


class TDAccountabilityCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.accountability.doctype.td_accountability_line.td_accountability_line import (
			TDAccountabilityLine,
		)
		from twoduty_app.accountability.doctype.td_accountability_source.td_accountability_source import (
			TDAccountabilitySource,
		)

		closed_on: DF.Date | None
		decided_by: DF.Link | None
		decided_on: DF.Date | None
		document_number: DF.Data | None
		facts: DF.TextEditor
		facts_date: DF.Date
		lines: DF.Table[TDAccountabilityLine]
		sources: DF.Table[TDAccountabilitySource]
		status: DF.Literal["Draft", "Under Investigation", "Decided", "Case Closed"]
		trigger: DF.Literal[
			"Escalation",
			"Found by Upper Level",
			"Concealed Case",
			"Case Not Pursued",
			"Major Incident",
			"Other",
		]
		unit: DF.Link
		unit_name: DF.Data | None
		year: DF.Int
	# end: auto-generated types

	def onload(self):
		# the desk offers the actions the reader may take now (the server checks them again)
		self.set_onload("actions", self.available_actions())
		self.set_onload("source_doctypes", v.CASE_SOURCE_DOCTYPES)
		self.set_onload("kept", self.status in v.CASE_KEPT_STATUSES)

	def validate(self):
		before = self.get_doc_before_save()
		self.guard_system_fields(before)
		self.guard_decided(before)
		self.set_year()
		self.validate_sources()
		self.validate_lines()
		if self.status not in v.CASE_KEPT_STATUSES:
			cases.fill_positions(self)

	# guards -----------------------------------------------------------------------------------------

	def guard_system_fields(self, before):
		"""The status and the decision's particulars change only through the actions; a new case is a
		draft."""
		if self.flags.via_action:
			return
		reference = before or frappe._dict(status=v.DRAFT)
		for fieldname in SYSTEM_FIELDS:
			if str(reference.get(fieldname) or "") != str(self.get(fieldname) or ""):
				frappe.throw(
					_(
						"{0} of an accountability case is kept by its actions and cannot be set by hand."
					).format(frappe.bold(_(self.meta.get_label(fieldname)))),
					CaseLockedError,
					title=_("Case Locked"),
				)

	def guard_decided(self, before):
		"""A decided case is kept as decided: its facts, sources and every row of both lines, whatever the
		door (the form, `PUT /api/resource`, a change of one row)."""
		if not before or before.status not in v.CASE_KEPT_STATUSES:
			return
		changed = (
			any(str(before.get(f) or "") != str(self.get(f) or "") for f in KEPT_FIELDS)
			or rows(before.lines, LINE_FIELDS) != rows(self.lines, LINE_FIELDS)
			or rows(before.sources, SOURCE_FIELDS) != rows(self.sources, SOURCE_FIELDS)
		)
		if changed:
			frappe.throw(
				_("Case {0} has been decided: its facts and both lines are kept as decided.").format(
					frappe.bold(self.name)
				),
				CaseLockedError,
				title=_("Case Locked"),
			)

	def set_year(self):
		"""The year of the facts, unless the county gives another (a case spanning years)."""
		if self.year in (None, "", 0):
			self.year = getdate(self.facts_date).year if self.facts_date else None
		elif not re.fullmatch(r"\d{4}", str(self.year)) or not 2000 <= int(self.year) <= 2100:
			frappe.throw(
				_("{0} is not a valid year.").format(frappe.bold(str(self.year)[:20])), CaseLinesError
			)

	def validate_sources(self):
		for row in self.sources:
			if row.source_doctype not in v.CASE_SOURCE_DOCTYPES:
				frappe.throw(
					_(
						"Row {0} of the sources: a case rests on rectification tasks, interviews and inspections, not on {1}."
					).format(row.idx, frappe.bold(_(row.source_doctype or ""))),
					CaseLinesError,
				)

	def validate_lines(self):
		seen = set()
		for row in self.lines:
			if (row.line, row.person) in seen:
				frappe.throw(
					_("Row {0}: {1} is already named on this line.").format(
						row.idx, frappe.bold(row.full_name or row.person)
					),
					CaseLinesError,
				)
			seen.add((row.line, row.person))
		if unreasoned := cases.unreasoned_rows(self.lines):
			frappe.throw(
				_("Row {0}: a decision of no accountability needs its written reason.").format(unreasoned[0]),
				CaseLinesError,
				title=_("Reason Required"),
			)

	def check_ready_to_decide(self):
		"""Both lines (一案双查), each row with its decided handling, decision number and date."""
		if missing := cases.missing_lines(self.lines):
			frappe.throw(
				_(
					"A case is decided on both lines, the principal duty and the supervisory duty: {0} has no row yet."
				).format(", ".join(frappe.bold(_(line)) for line in missing)),
				CaseLinesError,
				title=_("Both Lines Required"),
			)
		if incomplete := cases.incomplete_rows(self.lines):
			frappe.throw(
				_("Row {0} needs its decided handling, decision number and decision date.").format(
					", ".join(str(i) for i in incomplete)
				),
				CaseLinesError,
				title=_("Both Lines Required"),
			)

	# actions --------------------------------------------------------------------------------------

	def available_actions(self) -> list[str]:
		if self.is_new() or not self.has_permission("write") or not is_county_staff():
			return []
		actions = [a for a, (start, _next) in ACTIONS.items() if start == self.status]
		if self.status in (v.DRAFT, v.UNDER_INVESTIGATION):
			actions.append("fill_lines")
		return actions

	def stored_for(self, action: str) -> "TDAccountabilityCase":
		"""The case as stored (not as the caller sent it), once the caller may take `action` on it now."""
		case = frappe.get_doc(self.doctype, self.name)
		case.check_permission("write")
		if not is_county_staff():
			frappe.throw(_("Only the county's discipline commission can do this."), frappe.PermissionError)
		starts = [ACTIONS[action][0]] if action in ACTIONS else [v.DRAFT, v.UNDER_INVESTIGATION]
		if case.status not in starts:
			frappe.throw(
				_("Case {0} is {1}: this action is not open to it.").format(
					frappe.bold(case.name), _(case.status)
				),
				CaseLockedError,
			)
		return case

	def move(self, action: str) -> None:
		self.status = ACTIONS[action][1]
		self.flags.via_action = True
		try:
			self.save()
		finally:
			self.flags.via_action = False

	@frappe.whitelist()
	def start_investigation(self) -> str:
		"""Draft → Under Investigation; the rows of both lines are proposed if the case has none."""
		case = self.stored_for("start_investigation")
		if not case.lines:
			case.add_proposed_rows()
		case.move("start_investigation")
		return case.status

	@frappe.whitelist()
	def fill_lines(self) -> int:
		"""Propose the people who held the posts of each line on the date of the facts; returns how many
		rows were added (people already named stay as they are)."""
		case = self.stored_for("fill_lines")
		added = case.add_proposed_rows()
		if added:
			case.save()
		return added

	def add_proposed_rows(self) -> int:
		present = {(row.line, row.person) for row in self.lines}
		proposed = cases.proposed_rows(self.unit, getdate(self.facts_date), present)
		for row in proposed:
			self.append("lines", row)
		return len(proposed)

	@frappe.whitelist()
	def decide(self) -> str:
		"""Under Investigation → Decided, on both lines only: the decision gets its 文号 and each person
		concerned is told of his or her own rows. Refused, nothing saved, while a line or a row's decision
		is missing."""
		case = self.stored_for("decide")
		case.check_ready_to_decide()
		case.decided_on = today()
		case.decided_by = frappe.session.user
		case.document_number = next_document_number(
			"accountability", getdate(case.decided_on).year, case.unit
		)
		case.move("decide")
		cases.notify_decision(case)
		return case.document_number

	@frappe.whitelist()
	def close_case(self) -> str:
		"""Decided → Case Closed (已结案), once the decisions have been carried out."""
		case = self.stored_for("close_case")
		case.closed_on = today()
		case.move("close_case")
		return case.status


def rows(table, fields) -> list[tuple]:
	"""A child table's rows as comparable values (row names included: a row replaced is a row changed)."""
	return [(row.name, *(str(row.get(f) or "") for f in fields)) for row in table]
