"""Behaviour shared by the records that raise problems: interviews and inspections.

Every level interviews and inspects the level below (逐级约谈): a record names the unit whose heads hold it
(empty: the county's discipline commission); `supervision/supervising.py` says who may."""

import frappe
from frappe import _
from frappe.model.document import Document

from twoduty_app.supervision.cycle import check_deadlines_after, make_tasks_from_problems
from twoduty_app.supervision.supervising import resolve_supervising_unit


class ProblemSource(Document):
	problems_field = ""
	# the field naming the unit that holds the interview or inspection (empty: the county)
	supervising_field = ""

	def validate_supervising_unit(self):
		"""Who holds it: the county, or the heads of a unit above (or the unit itself, reviewing itself); the
		cycle's own saves (a task closed moves its interview on) are not a person recording it."""
		resolve_supervising_unit(self, self.supervising_field, acting=not self.flags.via_system)

	def guard_status(self):
		"""The status follows the cycle; it is never typed in."""
		before = self.get_doc_before_save()
		if self.flags.via_system:
			return
		default = self.meta.get_field("status").default
		expected = before.status if before else default
		if self.status != expected:
			frappe.throw(_("The status follows the rectification cycle and cannot be set by hand."))

	def guard_linked_tasks(self):
		"""A problem that became a task keeps its link."""
		before = self.get_doc_before_save()
		if not before:
			# a proposal of the escalation job names the overdue task its problem is about: that problem
			# already has its task, and holding the interview must not issue a second one
			if not self.flags.via_system:
				for row in self.get(self.problems_field):
					row.rectification_task = None
			return
		linked = {
			row.name: row.rectification_task
			for row in before.get(self.problems_field)
			if row.rectification_task
		}
		now = {row.name: row for row in self.get(self.problems_field)}
		for name, task in linked.items():
			if name not in now or now[name].rectification_task != task:
				frappe.throw(_("A problem that became a rectification task cannot be removed or relinked."))
		for row in self.get(self.problems_field):
			if row.name not in linked and row.rectification_task and not self.flags.via_system:
				row.rectification_task = None

	def validate_problem_deadlines(self, start_date, label):
		check_deadlines_after(self.get(self.problems_field), start_date, label)

	@frappe.whitelist()
	def create_rectification_tasks(self) -> list[str]:
		"""One action: every problem without a task becomes an issued rectification task."""
		self.check_permission("write")
		frappe.has_permission("TD Rectification Task", "create", throw=True)
		self.before_creating_tasks()
		created = make_tasks_from_problems(self)
		if not created:
			frappe.msgprint(_("Every problem already has its rectification task."))
		return created

	def before_creating_tasks(self):
		pass
