"""The five printed forms, rendered to PDF by wkhtmltopdf with Chinese text, as the people who print them."""

import io

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate, today
from pypdf import PdfReader

from tests import http
from tests.factories import attach_evidence, make_county_world, make_task, workflow
from twoduty_app.services.duty import generate_assignments


@pytest.fixture(scope="module")
def world():
	w = make_county_world(commit=False)
	frappe.set_user(w.inspector)
	interview = frappe.get_doc(
		{
			"doctype": "TD Interview",
			"title": "甲乡党委书记约谈",
			"interview_kind": "Individual",
			"interview_category": "Reminder",
			"unit": w.a.unit,
			"interview_date": today(),
			"place": "县纪委三楼会议室",
			"interviewer": w.inspector,
			"interviewees": [{"user": w.a.head, "position": "Unit Head"}],
			"issues": [{"problem": "三重一大事项未经集体研究", "deadline": add_days(today(), 30)}],
		}
	).insert()
	task = make_task(w.a.unit, problem="三重一大事项未经集体研究")
	frappe.set_user(w.a.liaison)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.measures = "建立集体决策台账"
	doc.save()
	workflow(task, "Submit Plan", w.a.liaison)
	workflow(task, "Approve Plan", w.a.head)
	frappe.set_user(w.a.liaison)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.append("progress", {"note": "已建立台账", "evidence": attach_evidence(task)})
	doc.save()
	workflow(task, "Submit Report", w.a.liaison)
	workflow(task, "Sign Off", w.a.head)
	frappe.set_user(w.inspector)
	recheck = frappe.get_doc(
		{
			"doctype": "TD Recheck",
			"rectification_task": task,
			"rechecker": w.inspector,
			"result": "Pass",
			"findings": "台账完整",
		}
	).insert()
	recheck.submit()
	frappe.set_user("Administrator")
	generate_assignments(getdate(nowdate()).year, w.county, publish_progress=False)
	assignment = frappe.db.get_value("TD Duty Assignment", {"unit": w.a.unit})
	frappe.db.commit()
	w.extra.update(interview=interview.name, task=task, recheck=recheck.name, assignment=assignment)
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
