"""Evidence uploads through Frappe's own door (/api/method/upload_file, what the desk's attach dialog
sends): a file attached to a record of the app is evidence, or it is refused in the uploader's language
and nothing of it is kept, neither a File row nor a file on disk."""

import io
import os

import frappe
import pytest
from frappe.utils import today

from tests import http
from tests.factories import PNG, make_county_world, make_task, uid

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UPLOAD = "/api/method/upload_file"
ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=True)
	frappe.set_user(w.inspector)
	w.extra["task"] = make_task(w.a.unit, problem="佐证材料上传")
	frappe.set_user(w.a.liaison)
	duty = frappe.get_all("TD Duty Item", {"disabled": 0}, pluck="name", limit=1)[0]
	w.extra["record"] = (
		frappe.get_doc(
			{
				"doctype": "TD Duty Record",
				"title": "召开廉政谈话会",
				"unit": w.a.unit,
				"record_kind": "Integrity Talk",
				"record_date": today(),
				"duty_items": [{"duty_item": duty}],
			}
		)
		.insert()
		.name
	)
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.extra["token"] = http.api_token(w.a.liaison)
	return w


def on_disk() -> set[str]:
	return set(os.listdir(frappe.get_site_path("private", "files"))) | set(
		os.listdir(frappe.get_site_path("public", "files"))
	)


def file_rows() -> int:
	frappe.db.rollback()
	return frappe.db.count("File", {"is_folder": 0})


def send(token: str, fields: dict, file_name: str, content: bytes):
	"""A multipart POST with the file in the `file` part, as the desk's upload dialog sends it."""
	form = {**fields, "file": (io.BytesIO(content), file_name)}
	return http.request("POST", UPLOAD, token, form=form, headers=ZH)


def upload(w, doctype: str, name: str, file_name: str, content: bytes):
	return send(
		w.extra["token"], {"doctype": doctype, "docname": name, "is_private": "1"}, file_name, content
	)


def messages(resp) -> list[str]:
	return [
		frappe.parse_json(m)["message"] for m in frappe.parse_json(resp.json().get("_server_messages", "[]"))
	]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
REFUSED = [
	("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "不能作为佐证材料"),
	("report.html", b"<html><script>alert(1)</script></html>", "不能作为佐证材料"),
	("seal.svg", SVG, "不能作为佐证材料"),
	("archive.zip", b"PK\x03\x04" + b"\x00" * 64, "不能作为佐证材料"),
	("photo.png", b"<html><script>alert(1)</script></html>", "的内容不是PNG文件"),
	("empty.pdf", b"", "是空文件"),
	("huge.pdf", PDF + b"0" * (10 * 1024 * 1024), "超过10MB"),
	("../../../sites/evil.pdf", PDF, "不是规范的文件名"),
	("..\\..\\evil.pdf", PDF, "不是规范的文件名"),
]


@pytest.mark.parametrize("doctype", ["TD Rectification Task", "TD Duty Record"])
@pytest.mark.parametrize("file_name,content,fragment", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_is_not_evidence_is_refused_and_nothing_is_kept(
	world, doctype, file_name, content, fragment
):
	name = world.extra["task"] if doctype == "TD Rectification Task" else world.extra["record"]
	rows, disk = file_rows(), on_disk()
	resp = upload(world, doctype, name, file_name, content)
	assert resp.status == 417, resp.text[:300]
	assert any(fragment in m for m in messages(resp)), messages(resp)
	assert file_rows() == rows
	assert on_disk() == disk


def test_evidence_of_the_allowed_types_is_kept(world):
	task = world.extra["task"]
	rows = file_rows()
	for file_name, content in (
		(f"{uid()}-现场照片.jpg", PNG + uid().encode()),
		(f"{uid()}-整改报告.pdf", PDF + uid().encode()),
	):
		resp = upload(world, "TD Rectification Task", task, file_name, content)
		assert resp.status == 200, resp.text[:300]
		url = resp.json()["message"]["file_url"]
		assert url.startswith("/private/files/")
		assert os.path.exists(frappe.get_site_path(url.lstrip("/")))
	assert file_rows() == rows + 2


def test_files_outside_the_app_keep_frappes_rules(world):
	"""The evidence rule is the app's records' only: a user's own file in the File manager is not judged."""
	resp = send(world.extra["token"], {"is_private": "1"}, f"{uid()}-notes.txt", uid().encode())
	assert resp.status == 200, resp.text[:300]
