"""Test data factories: users, units and a small county world. All records use unique names."""

from dataclasses import dataclass, field

import frappe
from frappe.utils import today

PASSWORD = "Td-test-pass-2026!"


def uid(length: int = 6) -> str:
	return frappe.generate_hash(length=length)


def make_user(prefix: str, roles: tuple[str, ...] = (), first_name: str | None = None) -> str:
	email = f"{prefix}-{uid()}@twoduty.test"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name or prefix,
			"send_welcome_email": 0,
			"language": "zh",
			"time_zone": "Asia/Shanghai",
			"new_password": PASSWORD,
			"roles": [{"role": r} for r in roles],
		}
	)
	user.flags.ignore_password_policy = True
	user.insert(ignore_permissions=True)
	return user.name


def make_unit(
	unit_name: str,
	unit_type: str,
	parent: str | None = None,
	category: str | None = None,
	members: list[tuple[str, str]] | None = None,
) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "TD Unit",
			"unit_name": unit_name,
			"unit_type": unit_type,
			"parent_td_unit": parent,
			"department_category": category,
			"members": [{"user": u, "position": p} for u, p in (members or [])],
		}
	).insert(ignore_permissions=True)
	return doc.name


def set_members(unit: str, members: list[tuple[str, str]]) -> None:
	doc = frappe.get_doc("TD Unit", unit)
	doc.set("members", [{"user": u, "position": p} for u, p in members])
	doc.save()  # as the session user: tests call it as a county admin


def user_roles(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def unit_permissions(user: str) -> set[str]:
	return set(frappe.get_all("User Permission", {"user": user, "allow": "TD Unit"}, pluck="for_value"))


@dataclass
class Township:
	unit: str
	villages: list[str]
	station: str
	head: str
	secretary: str
	team_member: str
	liaison: str


@dataclass
class CountyWorld:
	county: str
	admin: str
	inspector: str
	viewer: str
	a: Township
	b: Township
	department: str
	department_head: str
	extra: dict = field(default_factory=dict)


def make_county_viewer(w: "CountyWorld") -> str:
	"""A county leader limited to the world's county: a Viewer who is a member of the county unit."""
	frappe.set_user("Administrator")
	viewer = make_user("county-viewer", ("TwoDuty Viewer",), "县委领导（本县）")
	county = frappe.get_doc("TD Unit", w.county)
	county.append("members", {"user": viewer, "position": "Team Member"})
	county.save()
	return viewer


def make_township(county: str, label: str, code: str) -> Township:
	# each made with the role its membership gives (a User saved again costs Frappe a full cache clear)
	head = make_user(f"head-{code}", ("TwoDuty Unit Head",), f"{label}乡书记")
	secretary = make_user(f"sec-{code}", ("TwoDuty Discipline Secretary",), f"{label}乡纪委书记")
	team = make_user(f"team-{code}", ("TwoDuty Team Member",), f"{label}乡班子成员")
	liaison = make_user(f"liaison-{code}", ("TwoDuty Liaison",), f"{label}乡联络员")
	unit = make_unit(
		f"{label}乡-{uid(4)}",
		"Township",
		county,
		members=[
			(head, "Unit Head"),
			(secretary, "Discipline Secretary"),
			(team, "Team Member"),
			(liaison, "Liaison"),
		],
	)
	villages = [make_unit(f"{label}乡{n}村", "Village", unit) for n in ("东", "西")]
	station = make_unit(f"{label}乡财政所", "Grassroots Station", unit)
	return Township(unit, villages, station, head, secretary, team, liaison)


def make_county_world(commit: bool = False) -> CountyWorld:
	"""A county with two townships (A, B) and one department, each with members in every position."""
	frappe.set_user("Administrator")
	county = make_unit(f"测试县-{uid()}", "County")
	admin = make_user("admin", ("TwoDuty Admin",), "县纪委管理员")
	inspector = make_user("inspector", ("TwoDuty Inspector",), "县纪委督查员")
	viewer = make_user("viewer", ("TwoDuty Viewer",), "县领导")
	a = make_township(county, "甲", "a")
	b = make_township(county, "乙", "b")
	department_head = make_user("dept-head", ("TwoDuty Unit Head",), "局长")
	department = make_unit(
		f"县财政局-{uid(4)}",
		"County Department",
		county,
		category="Government Department",
		members=[(department_head, "Unit Head")],
	)
	make_unit("办公室", "Internal Section", department)
	if commit:
		frappe.db.commit()
	return CountyWorld(county, admin, inspector, viewer, a, b, department, department_head)


from twoduty_app.demo.activity import PNG


def attach_file(doctype: str, name: str, file_name: str = "evidence.png") -> str:
	"""A private image attached to the record by the session user; returns its URL."""
	f = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{uid()}-{file_name}",
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": 1,
			"content": PNG,
		}
	).insert()
	return f.file_url


def attach_evidence(task: str, name: str = "evidence.png") -> str:
	"""A private image attached to the task by the session user; returns its URL."""
	return attach_file("TD Rectification Task", task, name)


def make_task(
	unit: str, deadline_days: int = 30, kind: str = "Deadline", issue: bool = True, **fields
) -> str:
	"""A task created (and issued) by the session user, who should be an inspector."""
	from frappe.model.workflow import apply_workflow
	from frappe.utils import add_days

	doc = frappe.get_doc(
		{
			"doctype": "TD Rectification Task",
			"unit": unit,
			"problem": fields.pop("problem", "“三重一大”事项未经集体研究"),
			"requirement": "建立集体决策台账",
			"rectification_kind": kind,
			"issued_on": today(),
			"deadline": add_days(today(), deadline_days),
			**fields,
		}
	).insert()
	if issue:
		apply_workflow(doc, "Issue Task")
	return doc.name


def workflow(task: str, action: str, user: str):
	from frappe.model.workflow import apply_workflow

	frappe.set_user(user)
	return apply_workflow(frappe.get_doc("TD Rectification Task", task), action)


def state(task: str) -> str:
	return frappe.db.get_value("TD Rectification Task", task, "workflow_state")


# the steps of the cycle, each done by the role that does it
def add_progress(task: str, user: str, note: str = "已召开专题会议研究整改", evidence: bool = True):
	frappe.set_user(user)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.append("progress", {"note": note, "evidence": attach_evidence(task) if evidence else None})
	doc.save()
	return doc


def submit_plan(task: str, user: str):
	frappe.set_user(user)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.measures = "一、建立台账；二、专题研究；三、限期完成"
	doc.save()
	return workflow(task, "Submit Plan", user)


def approve_plan(w: CountyWorld, task: str, liaison: str | None = None, head: str | None = None) -> None:
	"""The unit's liaison submits the plan and its head approves it (township A's, unless the task belongs
	to another unit and its people are given): the task is In Progress."""
	submit_plan(task, liaison or w.a.liaison)
	workflow(task, "Approve Plan", head or w.a.head)


def task_in_progress(w: CountyWorld) -> str:
	"""A task of township A issued by the inspector, its plan approved."""
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	approve_plan(w, task)
	return task


def bring_to_pending_recheck(w: CountyWorld, task: str, liaison: str | None = None, head: str | None = None):
	liaison, head = liaison or w.a.liaison, head or w.a.head
	approve_plan(w, task, liaison, head)
	add_progress(task, liaison)
	workflow(task, "Submit Report", liaison)
	workflow(task, "Sign Off", head)


def recheck(task: str, user: str, result: str = "Pass", new_deadline=None, submit: bool = True):
	frappe.set_user(user)
	doc = frappe.get_doc(
		{
			"doctype": "TD Recheck",
			"rectification_task": task,
			"rechecker": user,
			"recheck_date": today(),
			"result": result,
			"findings": "现场核查台账与会议记录",
			"new_deadline": new_deadline,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def make_interview(
	w: CountyWorld,
	*,
	unit: str | None = None,
	interviewees: list[dict] | None = None,
	issues: list[dict] | None = None,
	held: bool = False,
	**fields,
):
	"""An interview planned by the county's inspector (the session user becomes the inspector); by default
	an individual reminder talk with the head of township A. `held` records it as held."""
	frappe.set_user(w.inspector)
	interviewees = (
		interviewees
		if interviewees is not None
		else [{"user": w.a.head, "unit": w.a.unit, "position": "Unit Head"}]
	)
	interview = frappe.get_doc(
		{
			"doctype": "TD Interview",
			"title": "甲乡党委书记约谈",
			"interview_kind": "Collective" if len(interviewees) > 1 else "Individual",
			"interview_category": "Reminder",
			"unit": unit or w.a.unit,
			"interview_date": today(),
			"interviewer": w.inspector,
			"interviewees": interviewees,
			"issues": issues or [],
			**fields,
		}
	).insert()
	if held:
		interview.mark_held()
	return interview


def held_interview(w: CountyWorld, issues: list[dict]):
	return make_interview(w, issues=issues, held=True, commitment="立即整改，按期报送")


def make_inspection(w: CountyWorld, unit: str, findings: list[dict], title: str = "专项督查"):
	"""A special inspection of `unit` recorded by the county's inspector (the session user becomes the
	inspector) over the last three days, with its findings."""
	from frappe.utils import add_days

	frappe.set_user(w.inspector)
	return frappe.get_doc(
		{
			"doctype": "TD Inspection",
			"title": title,
			"inspection_kind": "Special Inspection",
			"unit": unit,
			"period_from": add_days(today(), -3),
			"period_to": today(),
			"inspectors": [{"user": w.inspector}],
			"findings": findings,
		}
	).insert()


def make_case(w: CountyWorld, unit: str | None = None, decided: bool = False, **fields):
	"""An accountability case recorded by the county's inspector (the session user becomes the inspector),
	on township A by default, its facts a month old. `decided`: its investigation started (the rows of both
	lines proposed from the unit's posts), each row given its failure and decision, the case decided."""
	from frappe.utils import add_days, getdate

	frappe.set_user(w.inspector)
	case = frappe.get_doc(
		{
			"doctype": "TD Accountability Case",
			"unit": unit or w.a.unit,
			"trigger": "Found by Upper Level",
			"facts_date": add_days(today(), -30),
			"facts": "<p>市纪委督查发现惠民资金发放台账与实际不符</p>",
			**fields,
		}
	).insert()
	if not decided:
		return case
	case.start_investigation()
	case = frappe.get_doc(case.doctype, case.name)
	for row in case.lines:
		row.failure = "对惠民资金管理问题失察失管"
		row.decided_handling = "Admonishment"
		row.decision_number = f"测纪诫〔{getdate(today()).year}〕{row.idx}号"
		row.decision_date = today()
	case.save()
	case.decide()
	return frappe.get_doc(case.doctype, case.name)
