"""Small rules every controller of the app follows."""

import frappe


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
