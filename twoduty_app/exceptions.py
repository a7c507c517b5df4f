"""Named errors for the rules the app enforces; each is a ValidationError so the desk shows it."""

import frappe


class InvalidUnitParentError(frappe.ValidationError):
	pass


class DepartmentCategoryError(frappe.ValidationError):
	pass


class DuplicateMemberError(frappe.ValidationError):
	pass


class InvalidOversightError(frappe.ValidationError):
	pass


class DuplicateUnitError(frappe.ValidationError):
	pass


class TaskLockedError(frappe.ValidationError):
	pass


class MissingEvidenceError(frappe.ValidationError):
	pass


class EvidenceRemovalError(frappe.ValidationError):
	pass


class InvalidDeadlineError(frappe.ValidationError):
	pass


class RecheckNotAllowedError(frappe.ValidationError):
	pass


class SelfRecheckError(RecheckNotAllowedError):
	pass


class AssignmentLockedError(frappe.ValidationError):
	pass


class LateRecordError(frappe.ValidationError):
	pass


class EvidenceFileError(frappe.ValidationError):
	pass


class ExtensionError(frappe.ValidationError):
	pass


class TaskPausedError(frappe.ValidationError):
	pass


class RecordKeptError(frappe.ValidationError):
	"""A record that carries evidence or history is kept: it is revoked or cancelled, never deleted."""
