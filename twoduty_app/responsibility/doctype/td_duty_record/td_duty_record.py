# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.documents import first_changed, save_as_system
from twoduty_app.exceptions import EvidenceRemovalError, LateRecordError
from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.responsibility import assignments, periods
from twoduty_app.units.lookups import ancestors_and_self

SYSTEM_FIELDS = (
	"review_status",
	"review_comment",
	"reviewed_by",
	"reviewed_on",
	"is_late",
	"late_approval",
	"counts",
)


class TDDutyRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.responsibility.doctype.td_duty_record_item.td_duty_record_item import (
			TDDutyRecordItem,
		)
		from twoduty_app.responsibility.doctype.td_evidence_file.td_evidence_file import TDEvidenceFile

		content: DF.TextEditor | None
		counts: DF.Check
		done_by: DF.Link | None
		duty_assignment: DF.Link | None
		duty_items: DF.TableMultiSelect[TDDutyRecordItem]
		evidence: DF.Attach | None
		evidence_files: DF.Table[TDEvidenceFile]
		is_late: DF.Check
		late_approval: DF.Literal["", "Pending", "Approved", "Rejected"]
		record_date: DF.Date
		record_kind: DF.Literal[
			"Study and Plan", "Integrity Talk", "Reminder Talk", "Supervision Check", "Other"
		]
		review_comment: DF.SmallText | None
		review_status: DF.Literal["Pending Review", "Reviewed"]
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		title: DF.Data
		unit: DF.Link
		unit_name: DF.Data | None

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		self.guard_system_fields(before)
		self.guard_reviewed(before)
		self.guard_evidence(before)
		self.validate_date()
		self.link_assignment()
		if not before or self.period_facts_changed(before):
			self.mark_late_entry()

	def on_update(self):
		if self.duty_assignment:
			assignments.save_progress(self.duty_assignment)

	def guard_system_fields(self, before):
		if self.flags.via_system:
			return
		if fieldname := first_changed(before, self, SYSTEM_FIELDS):
			frappe.throw(
				_("{0} is kept by the system and cannot be set by hand.").format(
					frappe.bold(_(self.meta.get_label(fieldname)))
				)
			)

	def guard_evidence(self, before):
		"""Evidence rows of a reviewed record are kept, whoever edits it."""
		if before and before.review_status == v.REVIEWED:
			kept = {row.file for row in self.evidence_files}
			if any(row.file not in kept for row in before.evidence_files):
				frappe.throw(
					_("The duty record has been reviewed: its evidence cannot be deleted."),
					EvidenceRemovalError,
				)

	def guard_reviewed(self, before):
		if (
			before
			and before.review_status == v.REVIEWED
			and not self.flags.via_system
			and not is_county_staff()
		):
			frappe.throw(_("A reviewed record cannot be changed."))

	def validate_date(self):
		if getdate(self.record_date) > getdate(nowdate()):
			frappe.throw(_("A record describes work already done; the date cannot be in the future."))

	def link_assignment(self):
		year = getdate(self.record_date).year
		self.duty_assignment = frappe.db.get_value("TD Duty Assignment", {"unit": self.unit, "year": year})
		if not self.duty_assignment:
			return
		assigned = set(
			frappe.get_all(
				"TD Duty Assignment Item",
				filters={"parent": self.duty_assignment, "parenttype": "TD Duty Assignment"},
				pluck="duty_item",
			)
		)
		for row in self.duty_items:
			if row.duty_item not in assigned:
				frappe.throw(
					_("{0} is not among the duties assigned to {1} for {2}.").format(
						frappe.bold(row.duty_item), frappe.bold(self.unit_name or self.unit), year
					)
				)

	def period_facts_changed(self, before) -> bool:
		return getdate(before.record_date) != getdate(self.record_date) or {
			r.duty_item for r in before.duty_items
		} != {r.duty_item for r in self.duty_items}

	def mark_late_entry(self):
		"""Entered after the period closed: it counts only once the county approves (补录)."""
		frequencies = dict(
			frappe.get_all(
				"TD Duty Item",
				filters={"name": ("in", [r.duty_item for r in self.duty_items] or [""])},
				fields=["name", "frequency"],
				as_list=True,
			)
		)
		entered = getdate(nowdate())
		done = getdate(self.record_date)
		self.is_late = int(
			any(periods.is_late_entry(done, entered, f or periods.YEARLY) for f in frequencies.values())
		)
		self.late_approval = v.LATE_PENDING if self.is_late else ""
		self.counts = 0 if self.is_late else 1

	@frappe.whitelist()
	def review(self, comment: str):
		"""审核意见: by the unit's discipline secretary (or one above it) or the county's staff."""
		self.check_permission("read")
		user = frappe.session.user
		is_secretary = v.ROLE_DISCIPLINE_SECRETARY in frappe.get_roles(user) and frappe.db.exists(
			"TD Unit Member",
			{
				"user": user,
				"position": v.DISCIPLINE_SECRETARY,
				"parenttype": "TD Unit",
				"parent": ("in", ancestors_and_self(self.unit)),
				"is_current": 1,
			},
		)
		if not (is_secretary or is_county_staff(user)):
			frappe.throw(
				_("Only the discipline secretary or the county can review a duty record."),
				frappe.PermissionError,
			)
		if not (comment or "").strip():
			frappe.throw(_("Please write the review comment."))
		self.review_status = v.REVIEWED
		self.review_comment = comment.strip()
		self.reviewed_by = user
		self.reviewed_on = now_datetime()
		save_as_system(self)

	@frappe.whitelist()
	def approve_late_entry(self, approve: bool = True):
		"""补录审批: only the county decides whether a late record counts."""
		self.check_permission("read")
		if not is_county_staff():
			frappe.throw(_("Only the county can approve a late entry."), frappe.PermissionError)
		if not self.is_late:
			frappe.throw(_("This record was entered on time and needs no approval."), LateRecordError)
		approve = frappe.utils.sbool(approve)
		self.late_approval = v.LATE_APPROVED if approve else v.LATE_REJECTED
		self.counts = 1 if approve else 0
		save_as_system(self)


def on_doctype_update():
	# per-unit lookups by date: vertical reach, activity cards, progress
	# per-unit probes by period (activity, coverage of counted records), answered from the index alone
	frappe.db.add_index("TD Duty Record", ["unit", "record_date", "counts"])
