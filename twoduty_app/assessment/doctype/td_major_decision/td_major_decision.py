# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from twoduty_app.assessment import registers


class TDMajorDecision(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.assessment.doctype.td_decision_attendee.td_decision_attendee import (
			TDDecisionAttendee,
		)

		amount: DF.Currency
		attendees: DF.Table[TDDecisionAttendee]
		confirmed: DF.Check
		confirmed_by: DF.Link | None
		confirmed_on: DF.Date | None
		decision_date: DF.Date
		decision_kind: DF.Literal[
			"Major Matter Decision", "Key Cadre Appointment", "Major Project Arrangement", "Large Fund Use"
		]
		flag_reasons: DF.SmallText | None
		flagged: DF.Check
		meeting_date: DF.Date | None
		meeting_kind: DF.Literal[
			"Party Committee Meeting", "Leadership Team Meeting", "Office Meeting", "No Meeting Held"
		]
		minutes: DF.Attach | None
		outcome: DF.SmallText | None
		subject: DF.Data
		unit: DF.Link
		unit_name: DF.Data | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		registers.validate_decision(self)

	def on_update(self):
		registers.after_decision_saved(self)

	@frappe.whitelist()
	def confirm(self):
		"""县纪委确认: the county confirms the record."""
		registers.confirm(self)


def on_doctype_update():
	# the assessment's counts per unit and year
	frappe.db.add_index("TD Major Decision", ["unit", "year", "flagged"])
