"""The five printed forms, rendered to PDF by wkhtmltopdf with Chinese text, as the people who print them."""

import io
import re
import subprocess
import tempfile
import unicodedata

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, nowdate, today
from pypdf import PdfReader

from tests import http
from tests.browser import ARTIFACTS
from tests.factories import (
	bring_to_pending_recheck,
	make_county_world,
	make_interview,
	make_task,
	recheck,
)
from twoduty_app.responsibility.assignments import generate_assignments


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=False)
	interview = make_interview(
		w,
		place="县纪委三楼会议室",
		start_time="09:30:00",
		issues=[{"problem": "三重一大事项未经集体研究", "deadline": add_days(today(), 30)}],
	)
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, problem="三重一大事项未经集体研究")
	bring_to_pending_recheck(w, task)
	check = recheck(task, w.inspector, "Pass")
	frappe.set_user("Administrator")
	generate_assignments(getdate(nowdate()).year, w.county, publish_progress=False)
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit})
	frappe.set_user(w.a.head)
	apply_workflow(frappe.get_doc("TD Duty Assignment", assignment), "Sign Agreement")
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.extra.update(interview=interview.name, task=task, recheck=check.name, assignment=assignment)
	return w


def keep_pages(pdf: bytes, name: str) -> None:
	"""Each page of the PDF as a picture under artifacts/screenshots, for a person to look at."""
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		subprocess.run(
			["pdftoppm", "-png", "-r", "60", f.name, str(ARTIFACTS / f"print-{name.replace(' ', '-')}")],
			check=True,
			timeout=60,
		)


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text (NFKC: the extractor gives some characters as their Kangxi radicals, ⽉ for 月)."""
	assert pdf[:4] == b"%PDF"
	text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
	return normal(text).translate(RADICALS)


def normal(text: str) -> str:
	return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\n", "")


# simplified radicals (CJK Radicals Supplement) the extractor may give for whole characters; NFKC keeps them
RADICALS = str.maketrans("⻅⻓⻔⻋⻛⻚⻜⻢⻥⻬⻉⻆⻘⻩⻰⻝⻳", "见长门车风页飞马鱼齐贝角青黄龙食龟")


YEAR = getdate(nowdate()).year
# what each printed form must carry besides its title: its document number (文号, a yearly series per kind,
# never zero-padded), its addressee (主送) and its own blocks, in the office's words
FORMS = [
	("TD Interview", "interview", "TD Interview Notice", "约谈通知书", "inspector", "约",
		["同志：", "经研究，定于", "9:30", "县纪委三楼会议室", "提醒约谈", "约谈事由", "送达回执", "签收人"]),
	("TD Interview", "interview", "TD Interview Record", "约谈记录", "inspector", "约",
		["以上记录已阅，与所谈一致", "被约谈人", "约谈人签字", "记录人签字"]),
	("TD Rectification Task", "task", "TD Rectification Notice", "整改通知书", "liaison", "改",
		["委员会：", "发现你单位存在以下问题", "签字背书", "抄送：县委分管领导", "送达回执"]),
	("TD Recheck", "recheck", "TD Recheck and Close-out", "复查销号单", "inspector", "销",
		["主要负责人签字背书", "按期完成", "复查意见", "同意销号"]),
	("TD Duty Assignment", "assignment", "TD Duty Agreement", "“两个责任”责任书", "head", "责",
		[f"{YEAR}年度", "实施办法", "一式两份", "集体责任", "第一责任", "监督责任", "主要负责人签字"]),
]  # fmt: skip


@pytest.mark.parametrize("doctype,key,print_format,title,who,kind,blocks", FORMS)
def test_form_prints_as_a_document_in_chinese(world, doctype, key, print_format, title, who, kind, blocks):
	user = {"inspector": world.inspector, "liaison": world.a.liaison, "head": world.a.head}[who]
	frappe.set_user(user)
	frappe.local.lang = "zh"
	pdf = frappe.get_print(doctype, world.extra[key], print_format, as_pdf=True)
	keep_pages(pdf, print_format)
	text = pdf_text(pdf)
	assert normal(title) in text, text[:300]
	assert re.search(rf"示?\S*纪{kind}〔{YEAR}〕[1-9]\d*号", text), text[:300]
	missing = [b for b in blocks if normal(b) not in text]
	assert not missing, (missing, text[:600])
	# the real issuing body (the test county is named 测试县-<random letters and digits>, which the extractor
	# garbles), the date as an office writes it
	if print_format != "TD Interview Record":  # a record, not a notice: it has no issuing body
		assert "中共测试县" in text and "纪律检查委员会" in text and "监察委员会" in text
	assert re.search(rf"{YEAR}年\d{{1,2}}月\d{{1,2}}日", text)


def test_notices_print_in_chinese_whoever_prints_them(world):
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	text = pdf_text(
		frappe.get_print("TD Rectification Task", world.extra["task"], "TD Rectification Notice", as_pdf=True)
	).replace(" ", "")
	assert "整改通知书" in text and "Rectification Notice" not in text


def test_document_numbers_run_per_kind_and_year(world):
	from twoduty_app.common.print_helpers import next_document_number

	first = next_document_number("closeout", 2031, world.a.unit)
	second = next_document_number("closeout", 2031, world.a.unit)
	other = next_document_number("interview", 2031, world.a.unit)
	assert (first[-8:], second[-8:], other[-8:]) == ("〔2031〕1号", "〔2031〕2号", "〔2031〕1号")
	frappe.db.rollback()


def test_print_of_another_townships_task_is_refused_over_http(world):
	w = world
	token = http.api_token(w.b.liaison)
	resp = http.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		token,
		doctype="TD Rectification Task",
		name=w.extra["task"],
		format="TD Rectification Notice",
	)
	assert resp.status == 403 and not resp.body.startswith(b"%PDF")
	own = http.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		http.api_token(w.a.liaison),
		doctype="TD Rectification Task",
		name=w.extra["task"],
		format="TD Rectification Notice",
	)
	assert own.status == 200 and own.body.startswith(b"%PDF")
