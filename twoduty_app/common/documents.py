"""Small rules every controller of the app follows."""

import frappe
from frappe import _


def save_as_system(doc) -> None:
	"""Save a change the app itself makes (a status that follows the cycle, a review, a confirmation):
	the controller's guards against hand edits step aside (`flags.via_system`), permissions were checked by
	the caller."""
	doc.flags.via_system = True
	try:
		doc.save(ignore_permissions=True)
	finally:
		doc.flags.via_system = False


def changed(before, doc, fieldname: str) -> bool:
	"""The field differs from the saved version (`before`; for a new document, from `frappe.new_doc`).
	Empty values compare equal (None, "" and 0 from a form)."""
	reference = before if before is not None else frappe.new_doc(doc.doctype)
	return str(reference.get(fieldname) or "") != str(doc.get(fieldname) or "")


def first_changed(before, doc, fieldnames) -> str | None:
	"""The first of `fieldnames` that `changed`, or None."""
	return next((f for f in fieldnames if changed(before, doc, f)), None)


def refuse_deletion(doc, method=None) -> None:
	"""doc_events hook (on_trash): a record that carries evidence or history once it left Draft is never
	deleted, whoever asks (Administrator included): a discipline commission's records end careers. The way
	out keeps the record: a task is revoked with its reason, a recheck cancelled with its reason."""
	from twoduty_app.common import vocabulary as v
	from twoduty_app.exceptions import RecordKeptError

	message = None
	if doc.doctype == "TD Rectification Task" and doc.workflow_state not in (None, "", v.DRAFT):
		message = _("A rectification task that has been issued is kept; revoke it with a reason instead.")
	elif doc.doctype == "TD Recheck" and doc.docstatus != 0:
		message = _("A submitted recheck is part of the record and cannot be deleted.")
	elif doc.doctype == "TD Interview" and doc.status in v.HELD_STATUSES:
		message = _("A held interview is kept with its record and cannot be deleted.")
	elif doc.doctype == "TD Inspection" and (
		doc.status != v.RECORDED
		or frappe.db.exists("TD Rectification Task", {"source_doctype": doc.doctype, "source_name": doc.name})
	):
		message = _(
			"An inspection that is followed up or has rectification tasks is kept and cannot be deleted."
		)
	elif doc.doctype == "TD Duty Record" and doc.review_status == v.REVIEWED:
		message = _("A reviewed duty record is kept and cannot be deleted.")
	elif doc.doctype == "TD Duty Assignment" and doc.workflow_state == v.SIGNED:
		message = _("A signed duty assignment is kept and cannot be deleted.")
	elif doc.doctype == "TD Accountability Case" and doc.status not in (None, "", v.DRAFT):
		message = _(
			"An accountability case is kept once its investigation has started and cannot be deleted."
		)
	elif doc.doctype == "TD Major Decision" and (doc.confirmed or doc.flagged):
		message = _(
			"A major decision record that is flagged or confirmed by the county is kept and cannot be deleted."
		)
	elif doc.doctype == "TD Education Activity" and doc.confirmed:
		message = _("An education activity confirmed by the county is kept and cannot be deleted.")
	elif doc.doctype == "TD Assessment" and doc.status != v.DRAFT:
		message = _("An assessment that has left Draft is kept and cannot be deleted.")
	elif doc.doctype == "TD Late Change" and doc.status != v.LATE_CHANGE_REQUESTED:
		message = _("A late change the county has decided on is kept and cannot be deleted.")
	if message:
		frappe.throw(message, RecordKeptError, title=_("Kept on Record"))
