"""Evidence stays: files that prove a rectification, a recheck or a held interview cannot be deleted."""

import frappe
from frappe import _

from twoduty_app.common.vocabulary import HELD_STATUSES
from twoduty_app.exceptions import EvidenceRemovalError


def prevent_evidence_deletion(file_doc, method=None) -> None:
	if file_doc.attached_to_doctype == "TD Recheck":
		if frappe.db.get_value("TD Recheck", file_doc.attached_to_name, "docstatus") == 1:
			frappe.throw(_("Evidence of a submitted recheck cannot be deleted."), EvidenceRemovalError)
	elif file_doc.attached_to_doctype == "TD Rectification Task":
		if frappe.db.exists(
			"TD Task Progress",
			{
				"parent": file_doc.attached_to_name,
				"parenttype": "TD Rectification Task",
				"evidence": file_doc.file_url,
			},
		):
			frappe.throw(
				_("This file is evidence in the progress log and cannot be deleted."), EvidenceRemovalError
			)
	elif file_doc.attached_to_doctype == "TD Interview":
		if frappe.db.get_value("TD Interview", file_doc.attached_to_name, "status") in HELD_STATUSES:
			frappe.throw(
				_("The interview has been held: its minutes and evidence cannot be deleted."),
				EvidenceRemovalError,
			)
