"""Endpoints behind the phone page (/td). Each checks permission on the document it touches and moves
tasks only through `apply_workflow`, so the page can do nothing the desk forbids."""

import os
import time

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_transitions
from frappe.utils import cint, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import InvalidInputError, parse_date, parse_list
from twoduty_app.exceptions import EvidenceFileError
from twoduty_app.supervision.deadlines import working_days_left

MAX_FILE_MB = v.EVIDENCE_MAX_MB
MAX_FILES = 6
ALLOWED_EXTENSIONS = set(v.EVIDENCE_EXTENSIONS)
TASK_FIELDS = [
	"name",
	"problem",
	"unit_name",
	"deadline",
	"workflow_state",
	"traffic_light",
	"round",
	"rectification_kind",
]


@frappe.whitelist()
@frappe.read_only()
def my_tasks() -> list[dict]:
	"""Open tasks of the user's branch, soonest deadline first (unit scope applies)."""
	return frappe.get_list(
		"TD Rectification Task",
		filters={"workflow_state": ("in", v.LIT_STATES)},
		fields=TASK_FIELDS,
		order_by="deadline asc",
		limit_page_length=200,
	)


@frappe.whitelist()
@frappe.read_only()
def task_detail(name: str) -> dict:
	doc = frappe.get_doc("TD Rectification Task", name)
	doc.check_permission("read")
	history = frappe.get_all(
		"Comment",
		filters={"reference_doctype": doc.doctype, "reference_name": name, "comment_type": "Workflow"},
		fields=["content", "owner", "creation"],
		order_by="creation asc",
	)
	rechecks = frappe.get_list(
		"TD Recheck",
		filters={"rectification_task": name, "docstatus": 1},
		fields=["name", "recheck_date", "result", "findings", "new_deadline", "round"],
		order_by="creation asc",
	)
	return {
		**{f: doc.get(f) for f in TASK_FIELDS},
		"requirement": doc.requirement,
		"measures": doc.measures,
		"paused": doc.paused,
		"working_days_left": working_days_left(doc.deadline),
		"progress": [
			{
				"date": r.progress_date,
				"note": r.note,
				"evidence": r.evidence,
				"user": r.user,
				"round": r.round,
			}
			for r in doc.progress
		],
		"history": [{"state": h.content, "user": h.owner, "at": h.creation} for h in history],
		"rechecks": rechecks,
		"actions": [t.action for t in get_transitions(doc)]
		if doc.has_permission("write") and not doc.paused
		else [],
		"can_add_progress": doc.has_permission("write") and doc.workflow_state in v.UNIT_TURN_STATES,
	}


@frappe.whitelist(methods=["POST"])
def apply_action(name: str, action: str, measures: str | None = None) -> dict:
	"""Take a workflow action; for Submit Plan the measures can come along."""
	doc = frappe.get_doc("TD Rectification Task", name)
	doc.check_permission("write")
	if measures is not None and action == v.ACTION_SUBMIT_PLAN:
		doc.measures = measures
		doc.save()
	doc = apply_workflow(doc, action)
	return {"workflow_state": doc.workflow_state}


def _uploaded_files() -> list:
	files = frappe.request.files.getlist("files") if frappe.request and frappe.request.files else []
	if len(files) > MAX_FILES:
		frappe.throw(_("Attach at most {0} files at a time.").format(MAX_FILES), EvidenceFileError)
	for f in files:
		ext = os.path.splitext(f.filename or "")[1].lower().lstrip(".")
		if ext not in ALLOWED_EXTENSIONS:
			frappe.throw(
				_("{0} cannot be used as evidence: allowed are photos, PDF, Word and Excel files.").format(
					frappe.bold(f.filename)
				),
				EvidenceFileError,
				title=_("File Type Not Allowed"),
			)
	return files


def _read_checked(f) -> bytes:
	content = f.stream.read(MAX_FILE_MB * 1024 * 1024 + 1)
	if len(content) > MAX_FILE_MB * 1024 * 1024:
		frappe.throw(
			_("{0} is larger than {1} MB.").format(frappe.bold(f.filename), MAX_FILE_MB),
			EvidenceFileError,
			title=_("File Too Large"),
		)
	if not content:
		frappe.throw(
			_("{0} is empty; the upload may have been interrupted.").format(frappe.bold(f.filename)),
			EvidenceFileError,
		)
	return content


def _save_private_file(content: bytes, filename: str, doctype: str, name: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": filename,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": content,
			}
		)
		.insert()
		.file_url
	)


# a save that met another transaction in a deadlock (InnoDB chose it as the victim) is run again
DEADLOCK_ATTEMPTS = 3


@frappe.whitelist(methods=["POST"])
def add_progress(name: str, note: str) -> dict:
	"""One progress entry with its photos or files, in one request: all of it is saved, or none. Entries sent
	at the same moment (two people of the unit, two phones) wait for each other's row lock and are all kept;
	one that the database picks as a deadlock's victim is rolled back and saved again (a busy county's
	phones saving at once), and after the last attempt refused with a message, never a server error."""
	files = _uploaded_files()
	contents = [(f.filename, _read_checked(f)) for f in files]
	for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
		try:
			return _add_progress(name, note, contents)
		except frappe.QueryDeadlockError:
			frappe.db.rollback()
			if attempt == DEADLOCK_ATTEMPTS:
				frappe.throw(_("The system is busy: please send the progress again."), frappe.ValidationError)
			time.sleep(0.05 * attempt)


def _add_progress(name: str, note: str, contents: list[tuple[str, bytes]]) -> dict:
	doc = frappe.get_doc("TD Rectification Task", name, for_update=True)
	doc.check_permission("write")
	if not (note or "").strip():
		frappe.throw(_("Please describe the progress."))
	urls = [_save_private_file(content, filename, doc.doctype, doc.name) for filename, content in contents]
	if not urls:
		doc.append("progress", {"note": note.strip()})
	for i, url in enumerate(urls, start=1):
		suffix = f"（{i}/{len(urls)}）" if len(urls) > 1 else ""
		doc.append("progress", {"note": note.strip() + suffix, "evidence": url})
	doc.save()
	return {"entries": len(urls) or 1, "files": urls}


@frappe.whitelist()
@frappe.read_only()
def duty_options() -> dict:
	"""Units the user may record for, with the duties assigned to each this year."""
	units = frappe.get_list("TD Unit", fields=["name", "unit_name"], order_by="lft asc", limit_page_length=50)
	year = v.current_year()
	out = []
	for unit in units:
		assignment = frappe.db.get_value("TD Duty Assignment", {"unit": unit.name, "year": year})
		duties = (
			frappe.get_all(
				"TD Duty Assignment Item",
				filters={"parent": assignment, "parenttype": "TD Duty Assignment"},
				fields=["duty_item", "item_name"],
				order_by="idx asc",
			)
			if assignment
			else []
		)
		if duties:
			out.append({"unit": unit.name, "unit_name": unit.unit_name, "duties": duties})
	return {
		"units": out,
		"kinds": v.RECORD_KINDS,
	}


@frappe.whitelist(methods=["POST"])
def record_duty(
	unit: str, title: str, record_kind: str, record_date: str, duty_items: str, content: str | None = None
) -> dict:
	"""A duty record (履责纪实) with its evidence, in one request."""
	files = _uploaded_files()
	contents = [(f.filename, _read_checked(f)) for f in files]
	duties = parse_list(duty_items or "[]", "Duties Performed")
	if not all(isinstance(d, str) for d in duties):
		frappe.throw(_("Choose the duties the record is about."), InvalidInputError)
	record = frappe.get_doc(
		{
			"doctype": "TD Duty Record",
			"unit": unit,
			"title": title,
			"record_kind": record_kind,
			"record_date": parse_date(record_date, "Done On") if record_date else nowdate(),
			"content": content,
			"duty_items": [{"duty_item": d} for d in duties],
		}
	).insert()
	urls = [_save_private_file(c, filename, record.doctype, record.name) for filename, c in contents]
	if urls:
		for (filename, _content), url in zip(contents, urls, strict=True):
			record.append("evidence_files", {"file": url, "description": filename})
		record.save()
	return {"name": record.name, "is_late": cint(record.is_late), "files": urls}
