# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class TDChecklistTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.responsibility.doctype.td_checklist_template_item.td_checklist_template_item import (
			TDChecklistTemplateItem,
		)

		checklist_kind: DF.Literal["Supervisory Support", "Standard Charts", "Other"]
		disabled: DF.Check
		items: DF.Table[TDChecklistTemplateItem]
		seed_key: DF.Data | None
		template_name: DF.Data

	# end: auto-generated types
	def on_trash(self):
		if self.seed_key:
			frappe.throw(_("A standard checklist template cannot be deleted; disable it instead."))
