# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from twoduty_app.assessment import registers


class TDEducationActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.assessment.doctype.td_education_attendee.td_education_attendee import (
			TDEducationAttendee,
		)

		activity_date: DF.Date
		activity_kind: DF.Literal[
			"Integrity Party Lecture",
			"Warning Education",
			"Knowledge Test",
			"Expert Briefing",
			"Topical Discussion",
			"Integrity Talk",
		]
		attendees: DF.Table[TDEducationAttendee]
		confirmed: DF.Check
		confirmed_by: DF.Link | None
		confirmed_on: DF.Date | None
		materials: DF.Attach | None
		topic: DF.Data
		unit: DF.Link
		unit_name: DF.Data | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		registers.validate_education(self)

	@frappe.whitelist()
	def confirm(self):
		"""县纪委确认: the county confirms the record."""
		registers.confirm(self)


def on_doctype_update():
	# the workspace card and the assessment's counts per unit and year
	frappe.db.add_index("TD Education Activity", ["unit", "year"])
