"""Named errors for the rules the app enforces; each is a ValidationError so the desk shows it."""

import frappe


class InvalidUnitParentError(frappe.ValidationError):
	pass


class DepartmentCategoryError(frappe.ValidationError):
	pass


class DuplicateMemberError(frappe.ValidationError):
	pass


class InvalidMembershipDatesError(frappe.ValidationError):
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


class RecheckerNotAllowedError(frappe.PermissionError):
	"""The person is no rechecker of the task: neither the county's inspector nor a head of its issuing unit."""


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


class OutsideBranchError(frappe.PermissionError):
	"""A unit's heads act only on the units of their own unit's branch."""


class CaseLockedError(frappe.ValidationError):
	"""An accountability case moves only by its actions, and is kept as decided once decided."""


class CaseLinesError(frappe.ValidationError):
	"""A case is decided only on both lines (一案双查), each row with its handling, number and date."""


class CoverageSettingsError(frappe.ValidationError):
	"""The interview coverage rules name a level and a level directly under it; reminder days read MM-DD."""


class AssessmentError(frappe.ValidationError):
	"""A year-end assessment refused a change (its status, its team, a score out of range)."""


class YearClosedError(frappe.ValidationError):
	"""A record of a closed year changed without an approved late change (补录)."""
