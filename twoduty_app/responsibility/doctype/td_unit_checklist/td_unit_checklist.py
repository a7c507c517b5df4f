# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import first_changed, save_as_system
from twoduty_app.common.inputs import InvalidInputError, parse_list
from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.responsibility import charts
from twoduty_app.units.lookups import is_member_of_unit_or_ancestors

LOCKED_LINE_FIELDS = (
	"section",
	"item_text",
	"generated_chart",
	"confirmed",
	"confirmed_by",
	"confirmed_on",
	"verdict",
	"verdict_reason",
	"rectification_task",
)
# what the unit answers on a line
ANSWER_FIELDS = ("status", "evidence", "note")


class TDUnitChecklist(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.responsibility.doctype.td_unit_checklist_line.td_unit_checklist_line import (
			TDUnitChecklistLine,
		)

		confirmed_count: DF.Int
		lines: DF.Table[TDUnitChecklistLine]
		met_count: DF.Int
		overruled_count: DF.Int
		template: DF.Link
		unit: DF.Link
		unit_name: DF.Data | None
		year: DF.Int

	# end: auto-generated types
	def before_insert(self):
		if not self.lines:
			template = frappe.get_doc("TD Checklist Template", self.template)
			for item in template.items:
				self.append(
					"lines",
					{
						"section": item.section,
						"item_text": item.item_text,
						"generated_chart": item.generated_chart,
					},
				)

	def validate(self):
		before = self.get_doc_before_save()
		if before and not self.flags.via_system:
			self.guard_lines(before)
		# a line with a generated chart is met by the chart the app draws from the unit's data, not by an upload
		charts.refresh_generated_lines(self)
		self.met_count = sum(1 for line in self.lines if line.status == v.MET)
		self.confirmed_count = sum(1 for line in self.lines if line.verdict == v.VERDICT_CONFIRMED)
		self.overruled_count = sum(1 for line in self.lines if line.verdict == v.VERDICT_OVERRULED)

	def guard_lines(self, before):
		"""The unit answers (met / not met, evidence, note); the list itself and confirmations are the county's."""
		old = {line.name: line for line in before.lines}
		if set(old) != {line.name for line in self.lines if line.name}:
			frappe.throw(_("The lines of a checklist come from its template and cannot be added or removed."))
		for line in self.lines:
			was = old.get(line.name)
			if first_changed(was, line, LOCKED_LINE_FIELDS):
				frappe.throw(_("Row {0}: confirmation is the county inspector's.").format(line.idx))
			if was.confirmed and first_changed(was, line, ANSWER_FIELDS):
				frappe.throw(_("Row {0} is confirmed and can no longer be changed.").format(line.idx))

	@frappe.whitelist()
	def review(self, verdicts: list[dict] | str):
		"""The county's inspector, from outside the unit, reviews answered lines one by one: each is
		confirmed, or overruled with a reason. `verdicts`: [{"row": line name, "verdict": "Confirmed" or
		"Overruled", "reason": text}]."""
		self.check_permission("read")
		user = frappe.session.user
		if not is_county_staff(user) or is_member_of_unit_or_ancestors(user, self.unit):
			frappe.throw(
				_("Only a county inspector from outside the unit can review its checklist."),
				frappe.PermissionError,
			)
		verdicts = parse_list(verdicts, "Verdicts")
		lines = {line.name: line for line in self.lines}
		if not verdicts:
			frappe.throw(_("Choose at least one line to review."))
		if not all(isinstance(entry, dict) for entry in verdicts):
			frappe.throw(_("Each verdict names its row, the verdict and the reason."), InvalidInputError)
		for entry in verdicts:
			entry = frappe._dict(entry)
			line = lines.get(entry.row) if isinstance(entry.row, str) else None
			if not line:
				frappe.throw(_("{0} is not a line of this checklist.").format(frappe.bold(entry.row)))
			self.review_line(line, entry.verdict, (entry.reason or "").strip(), user)
		save_as_system(self)
		return len(verdicts)

	def review_line(self, line, verdict: str, reason: str, user: str):
		if verdict not in v.VERDICTS:
			frappe.throw(_("Row {0}: choose Confirmed or Overruled.").format(line.idx))
		if not line.status:
			frappe.throw(_("Row {0} is not answered yet.").format(line.idx))
		if line.confirmed:
			frappe.throw(_("Row {0} has already been reviewed.").format(line.idx))
		if verdict == v.VERDICT_OVERRULED and not reason:
			frappe.throw(_("Row {0}: give the reason for overruling the unit's answer.").format(line.idx))
		line.verdict, line.verdict_reason = verdict, reason
		line.confirmed, line.confirmed_by, line.confirmed_on = 1, user, today()

	def lines_found_not_met(self) -> list:
		"""Lines the county found not met: answered not met and confirmed, or answered met and overruled."""
		return [line for line in self.lines if line.confirmed and found_status(line) == v.NOT_MET]


def found_status(line) -> str:
	"""The status the county's review established for a line."""
	if line.verdict == v.VERDICT_OVERRULED:
		return v.NOT_MET if line.status == v.MET else v.MET
	return line.status
