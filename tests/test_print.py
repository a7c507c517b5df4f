"""The five printed forms, rendered to PDF by wkhtmltopdf with Chinese text, as the people who print them."""

import io

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate, today
from pypdf import PdfReader

from tests import http
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
		issues=[{"problem": "三重一大事项未经集体研究", "deadline": add_days(today(), 30)}],
	)
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, problem="三重一大事项未经集体研究")
	bring_to_pending_recheck(w, task)
	check = recheck(task, w.inspector, "Pass")
	frappe.set_user("Administrator")
	generate_assignments(getdate(nowdate()).year, w.county, publish_progress=False)
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit})
	frappe.db.commit()
	w.extra.update(interview=interview.name, task=task, recheck=check.name, assignment=assignment)
	return w


def pdf_text(pdf: bytes) -> str:
	assert pdf[:4] == b"%PDF"
	return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


FORMS = [
	("TD Interview", "interview", "TD Interview Notice", "约谈通知书", "inspector"),
	("TD Interview", "interview", "TD Interview Record", "约谈记录", "inspector"),
	("TD Rectification Task", "task", "TD Rectification Notice", "整改通知书", "liaison"),
	("TD Recheck", "recheck", "TD Recheck and Close-out", "复查销号单", "inspector"),
	("TD Duty Assignment", "assignment", "TD Duty Agreement", "责任书", "head"),
]


@pytest.mark.parametrize("doctype,key,print_format,title,who", FORMS)
def test_form_prints_as_a_chinese_pdf(world, doctype, key, print_format, title, who):
	user = {"inspector": world.inspector, "liaison": world.a.liaison, "head": world.a.head}[who]
	frappe.set_user(user)
	frappe.local.lang = "zh"
	pdf = frappe.get_print(doctype, world.extra[key], print_format, as_pdf=True)
	text = pdf_text(pdf)
	assert title in text.replace(" ", ""), text[:200]
	assert frappe.db.get_value("TD Unit", world.a.unit, "unit_name")[:2] in text or doctype == "TD Interview"


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
