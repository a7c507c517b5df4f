# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import save_as_system
from twoduty_app.common.print_helpers import next_document_number
from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.supervision import notifications
from twoduty_app.supervision.problem_source import ProblemSource
from twoduty_app.units.membership import post_held


class TDInterview(ProblemSource):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.supervision.doctype.td_concerned_unit.td_concerned_unit import TDConcernedUnit
		from twoduty_app.supervision.doctype.td_interviewee.td_interviewee import TDInterviewee
		from twoduty_app.supervision.doctype.td_problem.td_problem import TDProblem

		commitment: DF.Text | None
		concerned_units: DF.Table[TDConcernedUnit]
		held_on: DF.Date | None
		interview_category: DF.Literal["Routine", "Reminder", "Special"]
		interview_date: DF.Date
		interview_kind: DF.Literal["Collective", "Individual"]
		interviewees: DF.Table[TDInterviewee]
		interviewer: DF.Link | None
		issues: DF.Table[TDProblem]
		minutes: DF.TextEditor | None
		note_taker: DF.Link | None
		place: DF.Data | None
		proposed_for_task: DF.Link | None
		requirements: DF.TextEditor | None
		status: DF.Literal["Proposed", "Planned", "Held", "Following Up", "Closed"]
		title: DF.Data
		unit: DF.Link
		unit_name: DF.Data | None
	# end: auto-generated types
	supervising_field = "interviewer_unit"
	problems_field = "issues"

	def validate(self):
		self.validate_supervising_unit()
		self.guard_status()
		self.guard_linked_tasks()
		self.validate_interviewees()
		self.validate_problem_deadlines(self.interview_date, _("interview date"))

	def validate_interviewees(self):
		if not self.interviewees:
			frappe.throw(_("Please list at least one interviewee."), title=_("Interviewees Missing"))
		for row in self.interviewees:
			# the post the interviewee held on the day of the interview, kept as it was then
			if row.user and row.unit and not row.position:
				row.position = post_held(row.user, row.unit, self.interview_date)
		for row in self.interviewees:
			if not row.user and not row.interviewee_name:
				frappe.throw(_("Row {0}: choose the interviewee or type the name.").format(row.idx))
		if self.interview_kind == v.INDIVIDUAL and len(self.interviewees) > 1:
			frappe.throw(_("An individual interview has one interviewee; choose Collective for more."))

	def after_insert(self):
		# a proposal of the escalation job waits for the county to confirm it; a planned one is announced
		if self.status == v.PLANNED:
			self.assign_notice_number()
			notifications.interview_announced(self)

	def assign_notice_number(self):
		"""The interview notice (约谈通知书) is numbered when it is issued."""
		if not self.notice_number:
			self.db_set(
				"notice_number",
				next_document_number("interview", getdate(self.interview_date).year, self.unit),
				update_modified=False,
			)

	@frappe.whitelist()
	def confirm_plan(self, interview_date: str | None = None, place: str | None = None):
		"""The county confirms a proposed interview (date and place may be set now): the notice goes out."""
		self.check_permission("write")
		if not is_county_staff():
			frappe.throw(
				_("Only the county's discipline commission can confirm a proposed interview."),
				frappe.PermissionError,
			)
		if self.status != v.PROPOSED:
			frappe.throw(_("Only a proposed interview can be confirmed."))
		if interview_date:
			self.interview_date = interview_date
		if place is not None:
			self.place = place
		self.status = v.PLANNED
		save_as_system(self)
		self.assign_notice_number()
		notifications.interview_announced(self)
		return self.status

	@frappe.whitelist()
	def mark_held(self):
		"""The interview took place: record it and let its issues become tasks."""
		self.check_permission("write")
		if self.status != v.PLANNED:
			frappe.throw(_("This interview has already been recorded as held."))
		if not self.interviewer:
			frappe.throw(_("Please set the interviewer before recording the interview as held."))
		self.status = v.HELD
		self.held_on = today()
		save_as_system(self)
		return self.status

	def before_creating_tasks(self):
		if self.status in (v.PROPOSED, v.PLANNED):
			frappe.throw(_("Record the interview as held before raising rectification tasks."))


def on_doctype_update():
	frappe.db.add_index("TD Interview", ["unit", "held_on"])
	# the escalation job's last step reads the proposals of a task
	frappe.db.add_index("TD Interview", ["proposed_for_task", "status"])
