# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, flt, getdate, nowdate

from twoduty_app.assessment import schemes
from twoduty_app.common import vocabulary as v


class TDAssessmentScheme(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.assessment.doctype.td_assessment_indicator.td_assessment_indicator import (
			TDAssessmentIndicator,
		)

		closed_by: DF.Link | None
		closed_on: DF.Date | None
		excellent_from: DF.Float
		fair_from: DF.Float
		good_from: DF.Float
		indicators: DF.Table[TDAssessmentIndicator]
		locked: DF.Check
		title: DF.Data | None
		total_points: DF.Float
		year: DF.Int
		year_closed: DF.Check
	# end: auto-generated types

	def validate(self):
		for row in self.indicators:
			if flt(row.points) <= 0:
				frappe.throw(_("Row {0}: an indicator is worth more than 0 points.").format(row.idx))
			if row.method not in v.SCORING_METHODS:
				frappe.throw(
					_("Row {0}: {1} is not a scoring method.").format(row.idx, frappe.bold(row.method))
				)
			if row.method in (v.MEASURE_EDUCATION, *v.DEDUCTION_MEASURES) and flt(row.target) <= 0:
				frappe.throw(
					_("Row {0}: give the number of activities or the points deducted per item.").format(
						row.idx
					)
				)
		if not (flt(self.excellent_from) > flt(self.good_from) > flt(self.fair_from)):
			frappe.throw(_("The grades go down: Excellent above Good, Good above Fair."))
		self.total_points = round(sum(flt(r.points) for r in self.indicators), 2)
		if not self.is_new() and not self.flags.twoduty_system_change:
			self._refuse_change_when_locked()

	def _refuse_change_when_locked(self):
		before = self.get_doc_before_save()
		if not (before.locked or frappe.db.exists("TD Assessment", {"year": self.year})):
			return
		fields = ("excellent_from", "good_from", "fair_from", "year_closed", "locked")
		rows = lambda doc: [tuple(cstr(r.get(f)) for f in schemes.INDICATOR_FIELDS) for r in doc.indicators]  # noqa: E731
		if rows(before) != rows(self) or any(cstr(before.get(f)) != cstr(self.get(f)) for f in fields):
			frappe.throw(
				_("The year's assessments have been generated: the scheme no longer changes."),
				frappe.ValidationError,
			)

	def on_update(self):
		schemes.clear_closed_years()

	def on_trash(self):
		if frappe.db.exists("TD Assessment", {"year": self.year}):
			frappe.throw(
				_("The year's assessments have been generated: the scheme is kept."), frappe.ValidationError
			)

	@frappe.whitelist()
	def close_year(self):
		"""The county closes the year once every assessment of it is finalised: the year's duty records,
		checklists and registers then change only through an approved late change (补录)."""
		from twoduty_app.assessment.assessments import check_county_staff

		check_county_staff(admin=True)
		statuses = frappe.get_all("TD Assessment", filters={"year": self.year}, pluck="status")
		if not statuses:
			frappe.throw(_("No assessment of {0} has been generated yet.").format(self.year))
		open_count = sum(1 for s in statuses if s != v.FINALISED)
		if open_count:
			frappe.throw(_("{0} assessments of the year are not finalised yet.").format(open_count))
		self.year_closed, self.closed_on, self.closed_by = 1, getdate(nowdate()), frappe.session.user
		self.flags.twoduty_system_change = True
		self.save()
