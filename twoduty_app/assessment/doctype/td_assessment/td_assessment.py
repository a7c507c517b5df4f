# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, cstr, now_datetime

from twoduty_app.assessment import assessments as a
from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import InvalidInputError
from twoduty_app.exceptions import AssessmentError
from twoduty_app.permissions.roles import has_any_role, is_system_user


class TDAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.assessment.doctype.td_assessment_assessor.td_assessment_assessor import (
			TDAssessmentAssessor,
		)
		from twoduty_app.assessment.doctype.td_assessment_score.td_assessment_score import TDAssessmentScore
		from twoduty_app.assessment.doctype.td_assessment_team_score.td_assessment_team_score import (
			TDAssessmentTeamScore,
		)

		assessors: DF.Table[TDAssessmentAssessor]
		comparison_group: DF.Literal[
			"", "Township", "Government Department", "Party and Mass Organization", "Stationed Unit"
		]
		figures_as_of: DF.Datetime | None
		final_total: DF.Float
		finalised_by: DF.Link | None
		finalised_on: DF.Datetime | None
		gap: DF.Float
		grade: DF.Literal["", "Rated Excellent", "Rated Good", "Rated Fair", "Rated Poor"]
		max_points: DF.Float
		scheme: DF.Link | None
		scores: DF.Table[TDAssessmentScore]
		self_assessed_by: DF.Link | None
		self_assessed_on: DF.Datetime | None
		self_total: DF.Float
		status: DF.Literal["Draft", "Self-Assessed", "Under Review", "Finalised"]
		team_scores: DF.Table[TDAssessmentTeamScore]
		unit: DF.Link | None
		unit_name: DF.Data | None
		year: DF.Int
	# end: auto-generated types

	def before_insert(self):
		if not self.flags.twoduty_system_change:
			frappe.throw(
				_("Assessments are created by generating the year's assessments from the scheme."),
				frappe.PermissionError,
			)
		# one assessment per unit and year; the unique index (on_doctype_update) holds it under concurrency
		if frappe.db.exists(a.DOCTYPE, {"unit": self.unit, "year": self.year}):
			frappe.throw(
				_("{0} already has an assessment for {1}.").format(
					frappe.bold(self.unit_name or self.unit), self.year
				),
				frappe.DuplicateEntryError,
			)

	def validate(self):
		if not self.is_new() and not self.flags.twoduty_system_change:
			self._keep_what_others_own()
		a.check_assessors(self)
		a.compute_totals(self)

	def _keep_what_others_own(self):
		"""A save through the form or REST changes only what its user owns: the unit its self-scores while
		a draft, the county its team. Everything else (indicators, automatic figures, the team's scores,
		the status) is put back as stored."""
		before = self.get_doc_before_save()
		if before.status == v.FINALISED:
			frappe.throw(_("A finalised assessment no longer changes."), AssessmentError)
		# rows as given: by their name, or by their indicator's number for a row given without one
		by_name = {row.name: row for row in self.scores if row.name}
		by_number = {cint(row.indicator_no): row for row in self.scores if not row.name}
		known = {r.name for r in before.scores}, {cint(r.indicator_no) for r in before.scores}
		for row in self.scores:
			if (row.name and row.name not in known[0]) or (
				not row.name and cint(row.indicator_no) not in known[1]
			):
				frappe.throw(
					_("Indicator {0} is not in this assessment.").format(cint(row.indicator_no)),
					InvalidInputError,
				)
		changed_self = False
		kept = []
		for old in before.scores:
			row = {**old.as_dict(no_default_fields=True), "name": old.name}
			new = by_name.get(old.name) or by_number.get(cint(old.indicator_no))
			if new is not None and any(cstr(new.get(f)) != cstr(old.get(f)) for f in a.SELF_FIELDS):
				changed_self = True
				row.update({f: new.get(f) for f in a.SELF_FIELDS})
			kept.append(row)
		if changed_self:
			if not a.is_own_unit(self):
				frappe.throw(_("Only the unit assessed enters its self-assessment."), frappe.PermissionError)
			if before.status != v.DRAFT:
				frappe.throw(
					_("The self-assessment has been submitted: it no longer changes."), AssessmentError
				)
		self.set("scores", kept)
		if changed_self:
			for row in self.scores:
				a.check_score(row.self_score, row)
		team_now = [r.assessor for r in self.assessors]
		if team_now != [r.assessor for r in before.assessors] and not a.is_county():
			frappe.throw(_("Only the county names the assessment team."), frappe.PermissionError)
		self.set(
			"team_scores", [{**r.as_dict(no_default_fields=True), "name": r.name} for r in before.team_scores]
		)
		for field in ("status", "scheme", "comparison_group", "figures_as_of"):
			self.set(field, before.get(field))

	def before_submit(self):
		if not self.flags.twoduty_system_change:
			frappe.throw(
				_("An assessment is finalised by the county's Finalise action."), frappe.PermissionError
			)

	def on_cancel(self):
		frappe.throw(_("A finalised assessment no longer changes."), AssessmentError)

	# -- actions (the form's buttons; each checks who may take it) ---------------------------------------

	def _move(self, status, **fields):
		self.status = status
		self.update(fields)
		self.flags.twoduty_system_change = True
		self.flags.ignore_permissions = True
		self.save()

	@frappe.whitelist()
	def submit_self_assessment(self):
		"""The unit submits its self-scores (提交自评)."""
		if not a.is_own_unit(self):
			frappe.throw(_("Only the unit assessed submits its self-assessment."), frappe.PermissionError)
		self._expect(v.DRAFT)
		self._move(v.SELF_ASSESSED, self_assessed_by=frappe.session.user, self_assessed_on=now_datetime())

	@frappe.whitelist()
	def return_to_unit(self):
		"""The county sends the self-assessment back to the unit (退回自评)."""
		a.check_county_staff()
		self._expect(v.SELF_ASSESSED, v.UNDER_REVIEW)
		self._move(v.DRAFT, self_assessed_by=None, self_assessed_on=None)
		a.tell_unit(self, returned=True)

	@frappe.whitelist()
	def refresh_automatic(self):
		"""The county re-reads the automatic indicators from the data (更新自动计分)."""
		a.check_county_staff()
		self._expect(v.DRAFT, v.SELF_ASSESSED)
		a.refresh_figures(self)
		self._move(self.status)

	@frappe.whitelist()
	def start_review(self):
		"""The county takes the self-assessed unit into the team's review (开始考核): the automatic figures
		are read once more and are kept from now on."""
		a.check_county_staff()
		self._expect(v.SELF_ASSESSED)
		if not self.assessors:
			frappe.throw(_("Name the assessment team first."), AssessmentError)
		a.refresh_figures(self)
		self._move(v.UNDER_REVIEW)
		a.tell_team(self)

	@frappe.whitelist()
	def save_team_scores(self, scores):
		"""An assessor enters (or corrects) their own scores while the assessment is under review."""
		user = frappe.session.user
		if user not in {r.assessor for r in self.assessors}:
			frappe.throw(_("Only a member of this assessment's team can score it."), frappe.PermissionError)
		self._expect(v.UNDER_REVIEW)
		rows = a.parse_team_scores(self, scores)
		kept = [
			r
			for r in self.team_scores
			if not (r.assessor == user and cint(r.indicator_no) in {x["indicator_no"] for x in rows})
		]
		self.set("team_scores", [r.as_dict(no_default_fields=True) for r in kept])
		for row in rows:
			self.append("team_scores", {"assessor": user, **row})
		self._move(v.UNDER_REVIEW)

	@frappe.whitelist()
	def finalise(self):
		"""The county's administrator finalises (定档): every assessor has scored every indicator scored by
		hand; the assessment is submitted and no longer changes."""
		a.check_county_staff(admin=True)
		self._expect(v.UNDER_REVIEW)
		scored = {(r.assessor, cint(r.indicator_no)) for r in self.team_scores}
		for score in self.scores:
			if score.method != v.MANUAL:
				continue
			for member in self.assessors:
				if (member.assessor, cint(score.indicator_no)) not in scored:
					frappe.throw(
						_("{0} has not scored indicator {1} yet.").format(
							frappe.bold(member.assessor_name or member.assessor), score.indicator_no
						),
						AssessmentError,
					)
		self.status = v.FINALISED
		self.finalised_by, self.finalised_on = frappe.session.user, now_datetime()
		self.flags.twoduty_system_change = True
		self.flags.ignore_permissions = True
		self.submit()
		a.tell_unit(self)

	def _expect(self, *statuses):
		if self.status not in statuses:
			frappe.throw(
				_("This cannot be done while the assessment is {0}.").format(_(self.status)),
				AssessmentError,
			)


def on_doctype_update():
	frappe.db.add_unique("TD Assessment", ["unit", "year"], constraint_name="unit_year")
	# the ranking reads each category's best first
	frappe.db.add_index("TD Assessment", ["year", "comparison_group", "final_total"], "ranking")
