# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from twoduty_app.common.vocabulary import TEAM_MEMBER
from twoduty_app.permissions.roles import is_admin, is_system_user
from twoduty_app.units.acting import HEAD_POSITIONS, holds_position


# A unit head names a team member of the unit to act as head (approve, return, sign off the unit's
# rectification) from one date to another. The head's own duty is not widened: the deputy acts for this unit
# only, and only within the dates.
class TDDelegation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		delegated_by: DF.Link | None
		deputy: DF.Link
		deputy_name: DF.Data | None
		from_date: DF.Date
		reason: DF.SmallText | None
		to_date: DF.Date
		unit: DF.Link
		unit_name: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.validate_delegator()
		self.validate_deputy()
		self.validate_dates()

	def on_trash(self):
		self.validate_delegator()

	def validate_delegator(self):
		user = frappe.session.user
		if is_system_user(user) or is_admin(user):
			self.delegated_by = self.delegated_by or user
			return
		if not holds_position(user, self.unit, HEAD_POSITIONS):
			frappe.throw(
				_("Only the head of {0} can name a deputy for it.").format(
					frappe.bold(self.unit_name or self.unit)
				),
				frappe.PermissionError,
			)
		self.delegated_by = user

	def validate_deputy(self):
		if not holds_position(self.deputy, self.unit, (TEAM_MEMBER,)):
			frappe.throw(
				_("The deputy must be a team member of {0}.").format(
					frappe.bold(self.unit_name or self.unit)
				),
				title=_("Invalid Deputy"),
			)

	def validate_dates(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(_("The delegation ends before it starts."), title=_("Invalid Period"))
