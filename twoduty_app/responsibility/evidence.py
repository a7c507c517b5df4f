"""Evidence of duty performed stays once the record was reviewed: its files cannot be deleted."""

import frappe
from frappe import _

from twoduty_app.common.vocabulary import REVIEWED
from twoduty_app.exceptions import EvidenceRemovalError


def prevent_evidence_deletion(file_doc, method=None) -> None:
	"""doc_event (File, on_trash)."""
	if file_doc.attached_to_doctype != "TD Duty Record":
		return
	if frappe.db.get_value("TD Duty Record", file_doc.attached_to_name, "review_status") == REVIEWED:
		frappe.throw(
			_("The duty record has been reviewed: its evidence cannot be deleted."), EvidenceRemovalError
		)
