# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class TDDutyItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.responsibility.doctype.td_duty_item_unit_type.td_duty_item_unit_type import (
			TDDutyItemUnitType,
		)

		applies_to: DF.TableMultiSelect[TDDutyItemUnitType]
		disabled: DF.Check
		duty_group: DF.Literal[
			"",
			"Five Aspects",
			"Five Gates and Five Winds",
			"Ten Collective Duties",
			"First Duty of County Departments",
			"First Duty of Townships",
			"Four Personally",
			"One Post Two Duties",
			"Supervisory Duty",
			"Other",
		]
		duty_layer: DF.Literal["Collective", "First Responsible Person", "Team Member", "Supervisory"]
		expected_evidence: DF.Literal["Meeting Minutes", "Talk Notes", "Report", "Plan", "Ledger", "Other"]
		frequency: DF.Literal["Yearly", "Quarterly", "Monthly", "Once"]
		item_name: DF.Data
		requirement: DF.SmallText | None
		seed_key: DF.Data | None
		source: DF.Literal["Central", "Province", "City", "County"]
		weight: DF.Float

	# end: auto-generated types
	def validate(self):
		types = [row.unit_type for row in self.applies_to]
		if len(types) != len(set(types)):
			frappe.throw(_("A unit type is listed twice."))
		if (self.weight or 0) < 0:
			frappe.throw(_("The weight cannot be negative."))

	def on_trash(self):
		if self.seed_key:
			frappe.throw(_("A standard duty cannot be deleted; disable it instead."))
