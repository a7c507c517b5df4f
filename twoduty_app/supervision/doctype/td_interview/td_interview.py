# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import today

from twoduty_app.services import cycle_notifications
from twoduty_app.supervision.problem_source import ProblemSource


class TDInterview(ProblemSource):
	problems_field = "issues"

	def validate(self):
		self.guard_status()
		self.guard_linked_tasks()
		self.validate_interviewees()
		self.validate_problem_deadlines(self.interview_date, _("interview date"))

	def validate_interviewees(self):
		if not self.interviewees:
			frappe.throw(_("Please list at least one interviewee."), title=_("Interviewees Missing"))
		for row in self.interviewees:
			if not row.user and not row.interviewee_name:
				frappe.throw(_("Row {0}: choose the interviewee or type the name.").format(row.idx))
		if self.interview_kind == "Individual" and len(self.interviewees) > 1:
			frappe.throw(_("An individual interview has one interviewee; choose Collective for more."))

	def after_insert(self):
		# a proposal from the escalation job waits for the inspectors; a planned interview is announced
		if not self.flags.via_system:
			cycle_notifications.interview_announced(self)

	@frappe.whitelist()
	def mark_held(self):
		"""The interview took place: record it and let its issues become tasks."""
		self.check_permission("write")
		if self.status != "Planned":
			frappe.throw(_("This interview has already been recorded as held."))
		if not self.interviewer:
			frappe.throw(_("Please set the interviewer before recording the interview as held."))
		self.status = "Held"
		self.held_on = today()
		self.flags.via_system = True
		try:
			self.save()
		finally:
			self.flags.via_system = False
		return self.status

	def before_creating_tasks(self):
		if self.status == "Planned":
			frappe.throw(_("Record the interview as held before raising rectification tasks."))


def on_doctype_update():
	frappe.db.add_index("TD Interview", ["unit", "held_on"])
