# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TDCoverageReminderLog(Document):
	"""The claim of one person's coverage reminder for one ISO week (supervision/coverage_alerts.py). Its
	name is the week and the person: a second run of the job, even at the same time, cannot claim it
	again."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		levels_behind: DF.Int
		sent_on: DF.Date | None
		units_owed: DF.Int
		user: DF.Link
		week: DF.Data
	# end: auto-generated types

	def autoname(self):
		self.name = f"{self.week} {self.user}"
