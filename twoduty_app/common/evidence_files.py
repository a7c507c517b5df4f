"""Files kept as evidence: every file attached to a record of the app is one of the evidence types, not
empty, within the size limit and plainly named; anything else is refused before it is kept."""

import os

import frappe
from frappe import _

from twoduty_app.common.vocabulary import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_MB
from twoduty_app.exceptions import EvidenceFileError

# what the first bytes of a file of these types are: a page renamed photo.png is not a photo (a phone may
# call a PNG photo .jpg: any photo format passes for any photo name)
PHOTO = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0",)
SIGNATURES = {
	"pdf": (b"%PDF",),
	"png": PHOTO,
	"jpg": PHOTO,
	"jpeg": PHOTO,
	"docx": ZIP,
	"xlsx": ZIP,
	"ofd": ZIP,
	"doc": OLE,
	"xls": OLE,
}


def check_evidence_file(file_doc, method=None) -> None:
	"""doc_event (File, validate): a new file attached to one of the app's records is evidence."""
	if not (file_doc.attached_to_doctype or "").startswith("TD ") or not file_doc.is_new():
		return
	if file_doc.is_folder or file_doc.is_remote_file:
		return
	original = getattr(frappe.local, "uploaded_filename", None) or file_doc.file_name or ""
	check_name(original)
	check_name(file_doc.file_name or "")
	content = file_doc.get_content()
	check_content(file_doc.file_name, content if isinstance(content, bytes) else (content or "").encode())


def check_name(file_name: str) -> None:
	if (
		not file_name
		or "/" in file_name
		or "\\" in file_name
		or ".." in file_name
		or file_name.startswith(".")
	):
		frappe.throw(
			_("{0} is not a plain file name.").format(frappe.bold(file_name)),
			EvidenceFileError,
			title=_("File Name Not Allowed"),
		)
	extension = os.path.splitext(file_name)[1].lower().lstrip(".")
	if extension not in EVIDENCE_EXTENSIONS:
		frappe.throw(
			_("{0} cannot be used as evidence: allowed are {1}.").format(
				frappe.bold(file_name), ", ".join(EVIDENCE_EXTENSIONS)
			),
			EvidenceFileError,
			title=_("File Type Not Allowed"),
		)


def check_content(file_name: str, content: bytes) -> None:
	if not content:
		frappe.throw(
			_("{0} is empty; the upload may have been interrupted.").format(frappe.bold(file_name)),
			EvidenceFileError,
		)
	if len(content) > EVIDENCE_MAX_MB * 1024 * 1024:
		frappe.throw(
			_("{0} is larger than {1} MB.").format(frappe.bold(file_name), EVIDENCE_MAX_MB),
			EvidenceFileError,
			title=_("File Too Large"),
		)
	extension = os.path.splitext(file_name)[1].lower().lstrip(".")
	if extension in SIGNATURES and not content.startswith(SIGNATURES[extension]):
		frappe.throw(
			_("The content of {0} is not a {1} file.").format(frappe.bold(file_name), extension.upper()),
			EvidenceFileError,
			title=_("File Type Not Allowed"),
		)
