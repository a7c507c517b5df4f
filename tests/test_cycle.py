"""The interview → rectify → recheck cycle, walked by the roles who do it."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils import add_days, getdate, today

from tests.factories import (
	CountyWorld,
	add_progress,
	bring_to_pending_recheck,
	held_interview,
	make_county_world,
	make_inspection,
	make_task,
	make_user,
	recheck,
	set_members,
	state,
	submit_plan,
	task_in_progress,
	workflow,
)
from twoduty_app.exceptions import (
	InvalidDeadlineError,
	MissingEvidenceError,
	RecheckNotAllowedError,
	RecordKeptError,
	SelfRecheckError,
	TaskLockedError,
)

pytestmark = pytest.mark.usefixtures("rollback_each_test")


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	frappe.set_user("Administrator")
	# an inspector who sits on the county unit itself (and so is an ancestor member of every unit)
	w.extra["county_inspector"] = make_user("county-insp", ("TwoDuty Inspector",))
	set_members(w.county, [(w.extra["county_inspector"], "Team Member")])
	frappe.db.commit()
	return w


def test_full_cycle_from_interview_to_closed_task(world):
	w = world
	interview = held_interview(
		w,
		[
			{
				"problem": "班子成员一岗双责落实不到位",
				"deadline": add_days(today(), 20),
				"rectification_kind": "Deadline",
			}
		],
	)
	[task] = interview.create_rectification_tasks()
	assert state(task) == "Issued"
	assert frappe.db.get_value("TD Interview", interview.name, "status") == "Following Up"
	assert frappe.db.get_value("TD Rectification Task", task, ["source_doctype", "source_name"]) == (
		"TD Interview",
		interview.name,
	)

	submit_plan(task, w.a.liaison)
	assert state(task) == "Plan Submitted"
	workflow(task, "Approve Plan", w.a.head)
	assert state(task) == "Rectifying"
	assert frappe.db.get_value("TD Rectification Task", task, "plan_approved_on") == getdate(today())
	add_progress(task, w.a.liaison)
	workflow(task, "Submit Report", w.a.liaison)
	workflow(task, "Sign Off", w.a.head)
	assert state(task) == "Pending Recheck"
	assert frappe.db.get_value("TD Rectification Task", task, "signed_by") == w.a.head

	recheck(task, w.inspector, "Pass")
	assert state(task) == "Closed Out"
	assert frappe.db.get_value("TD Rectification Task", task, "closed_on") == getdate(today())
	assert frappe.db.get_value("TD Interview", interview.name, "status") == "Closed"

	# every state change is kept, with who and when
	frappe.set_user("Administrator")
	changes = frappe.get_all(
		"Comment",
		{"reference_doctype": "TD Rectification Task", "reference_name": task, "comment_type": "Workflow"},
		["owner", "content"],
	)
	assert {c.owner for c in changes} == {w.inspector, w.a.liaison, w.a.head}
	assert len(changes) == 6  # issued, plan submitted, approved, report submitted, signed off, rechecked
	# (Frappe skips Version rows under tests; track_changes keeps them on a real site)
	assert frappe.get_meta("TD Rectification Task").track_changes


def test_failed_recheck_returns_the_task_with_a_new_deadline_and_next_round(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	bring_to_pending_recheck(w, task)
	new_deadline = add_days(today(), 15)
	recheck(task, w.inspector, "Fail", new_deadline=new_deadline)
	doc = frappe.get_doc("TD Rectification Task", task)
	assert (doc.workflow_state, doc.round, doc.failed_rechecks) == ("Rectifying", 2, 1)
	assert doc.deadline == getdate(new_deadline)
	# the new round needs its own evidence before the report goes up again
	frappe.set_user(w.a.liaison)
	with pytest.raises(MissingEvidenceError):
		apply_workflow(frappe.get_doc("TD Rectification Task", task), "Submit Report")


def test_immediate_task_may_skip_the_plan(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit, kind="Immediate", deadline_days=3)
	add_progress(task, w.a.liaison)
	workflow(task, "Submit Report", w.a.liaison)
	assert state(task) == "Report Submitted"
	frappe.set_user(w.inspector)
	deadline_task = make_task(w.a.unit)
	with pytest.raises(WorkflowTransitionError):
		workflow(deadline_task, "Start Rectification", w.a.liaison)


def test_wrong_role_cannot_take_a_transition(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	with pytest.raises(WorkflowTransitionError):
		workflow(task, "Submit Plan", w.inspector)
	submit_plan(task, w.a.liaison)
	with pytest.raises(WorkflowTransitionError):
		workflow(task, "Approve Plan", w.a.liaison)
	with pytest.raises(WorkflowTransitionError):
		workflow(task, "Approve Plan", w.a.team_member)
	with pytest.raises(WorkflowTransitionError):
		workflow(task, "Revoke Task", w.inspector)
	assert state(task) == "Plan Submitted"


def test_another_townships_people_cannot_move_the_task(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	with pytest.raises(frappe.PermissionError):
		workflow(task, "Submit Plan", w.b.liaison)
	submit_plan(task, w.a.liaison)
	with pytest.raises(frappe.PermissionError):
		workflow(task, "Approve Plan", w.b.head)
	assert state(task) == "Plan Submitted"


def test_state_cannot_be_jumped_by_saving(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	frappe.set_user(w.a.head)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.workflow_state = "Pending Recheck"
	with pytest.raises(WorkflowPermissionError):
		doc.save()
	assert state(task) == "Issued"


def test_report_needs_a_progress_entry_with_evidence(world):
	w = world
	task = task_in_progress(w)
	add_progress(task, w.a.liaison, evidence=False)
	with pytest.raises(MissingEvidenceError):
		workflow(task, "Submit Report", w.a.liaison)
	assert state(task) == "Rectifying"


def test_plan_needs_measures(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	with pytest.raises(MissingEvidenceError):
		workflow(task, "Submit Plan", w.a.liaison)
	assert state(task) == "Issued"


def test_deadline_before_issue_date_is_rejected_and_nothing_saved(world):
	w = world
	frappe.set_user(w.inspector)
	before = frappe.db.count("TD Rectification Task")
	frappe.local.lang = "zh"
	with pytest.raises(InvalidDeadlineError) as caught:
		frappe.get_doc(
			{
				"doctype": "TD Rectification Task",
				"unit": w.a.unit,
				"problem": "问题",
				"rectification_kind": "Deadline",
				"issued_on": today(),
				"deadline": add_days(today(), -1),
			}
		).insert()
	assert "早于下达日期" in str(caught.value)
	assert frappe.db.count("TD Rectification Task") == before


def test_inspector_from_the_units_own_line_cannot_recheck(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	bring_to_pending_recheck(w, task)
	with pytest.raises(SelfRecheckError):
		recheck(task, w.extra["county_inspector"])
	assert state(task) == "Pending Recheck"
	assert not frappe.db.exists("TD Recheck", {"rectification_task": task})


def test_unit_people_cannot_recheck(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	bring_to_pending_recheck(w, task)
	with pytest.raises(frappe.PermissionError):
		recheck(task, w.a.head)
	with pytest.raises(frappe.PermissionError):
		recheck(task, w.b.secretary)


def test_recheck_only_while_pending_and_fail_needs_a_deadline(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	with pytest.raises(RecheckNotAllowedError):
		recheck(task, w.inspector)
	bring_to_pending_recheck(w, task)
	with pytest.raises(InvalidDeadlineError):
		recheck(task, w.inspector, "Fail")
	assert state(task) == "Pending Recheck"


def test_submitted_recheck_is_immutable(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	bring_to_pending_recheck(w, task)
	doc = recheck(task, w.inspector, "Pass")
	with pytest.raises((RecheckNotAllowedError, frappe.PermissionError)):
		doc.cancel()
	with pytest.raises((frappe.PermissionError, frappe.ValidationError)):
		frappe.delete_doc("TD Recheck", doc.name)
	assert frappe.db.get_value("TD Recheck", doc.name, "docstatus") == 1


def test_closed_task_is_locked_for_everyone_but_the_admin(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	bring_to_pending_recheck(w, task)
	recheck(task, w.inspector, "Pass")
	for user in (w.a.head, w.a.liaison, w.inspector):
		frappe.set_user(user)
		doc = frappe.get_doc("TD Rectification Task", task)
		doc.append("progress", {"note": "补充"})
		with pytest.raises((TaskLockedError, frappe.ValidationError)):
			doc.save()
	frappe.set_user(w.inspector)
	with pytest.raises((TaskLockedError, frappe.PermissionError)):
		frappe.delete_doc("TD Rectification Task", task)
	frappe.set_user(w.admin)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.requirement = "管理员更正的要求"
	doc.save()
	assert frappe.db.get_value("TD Rectification Task", task, "requirement") == "管理员更正的要求"


def test_admin_can_cancel_an_open_task_and_nobody_else(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	with pytest.raises(WorkflowTransitionError):
		workflow(task, "Revoke Task", w.a.head)
	# the reason is required: without it the task stays as it was
	with pytest.raises(MissingEvidenceError):
		workflow(task, "Revoke Task", w.admin)
	assert state(task) == "Issued"
	frappe.set_user(w.admin)
	frappe.get_doc("TD Rectification Task", task).revoke("问题线索经核实不属实")
	assert state(task) == "Task Revoked"
	assert frappe.db.get_value("TD Rectification Task", task, "revoke_reason") == "问题线索经核实不属实"
	# and the revoked task is kept: nobody deletes it, the administrator included
	for user in (w.admin, "Administrator"):
		frappe.set_user(user)
		with pytest.raises(RecordKeptError):
			frappe.delete_doc("TD Rectification Task", task)
	assert frappe.db.exists("TD Rectification Task", task)


def test_measures_lock_once_the_plan_is_approved(world):
	w = world
	task = task_in_progress(w)
	frappe.set_user(w.a.head)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.measures = "改过的措施"
	with pytest.raises(TaskLockedError):
		doc.save()


def test_a_new_entry_writes_itself_and_leaves_the_saved_ones_as_they_were(world):
	"""A save of a task writes its new progress entries only: the saved ones are not written again (their
	stored `modified` stays), and every entry reads back whole and in order."""
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	add_progress(task, w.a.liaison, note="第一次进展")
	[(first, stamped)] = frappe.get_all(
		"TD Task Progress", {"parent": task}, ["name", "modified"], as_list=True
	)
	frappe.db.sql("update `tabTD Task Progress` set modified = '2001-01-01' where name = %s", first)
	add_progress(task, w.a.liaison, note="第二次进展", evidence=False)
	rows = frappe.get_all(
		"TD Task Progress", {"parent": task}, ["name", "note", "idx", "modified"], order_by="idx asc"
	)
	assert [(r.note, r.idx) for r in rows] == [("第一次进展", 1), ("第二次进展", 2)]
	assert str(rows[0].modified).startswith("2001-01-01")  # not written again
	assert stamped and rows[1].modified > rows[0].modified


def test_evidence_cannot_be_removed_or_swapped(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	doc = add_progress(task, w.a.liaison)
	url = doc.progress[0].evidence
	frappe.set_user(w.a.head)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.progress = []
	with pytest.raises(frappe.ValidationError):
		doc.save()
	frappe.set_user(w.admin)
	file_name = frappe.db.get_value("File", {"file_url": url})
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc("File", file_name)
	assert frappe.db.exists("File", file_name)


def test_unit_cannot_change_what_the_county_set(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	frappe.set_user(w.a.head)
	doc = frappe.get_doc("TD Rectification Task", task)
	doc.deadline = add_days(today(), 200)
	with pytest.raises(TaskLockedError):
		doc.save()
	doc.reload()
	doc.round = 7
	with pytest.raises(TaskLockedError):
		doc.save()


def test_interview_needs_interviewees_and_held_before_tasks(world):
	w = world
	frappe.set_user(w.inspector)
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			{
				"doctype": "TD Interview",
				"title": "无对象约谈",
				"interview_kind": "Individual",
				"interview_category": "Routine",
				"unit": w.a.unit,
				"interview_date": today(),
				"interviewer": w.inspector,
			}
		).insert()
	planned = frappe.get_doc(
		{
			"doctype": "TD Interview",
			"title": "计划中的约谈",
			"interview_kind": "Individual",
			"interview_category": "Routine",
			"unit": w.a.unit,
			"interview_date": today(),
			"interviewer": w.inspector,
			"interviewees": [{"user": w.a.head}],
			"issues": [{"problem": "问题", "deadline": add_days(today(), 9)}],
		}
	).insert()
	with pytest.raises(frappe.ValidationError):
		planned.create_rectification_tasks()
	assert not frappe.db.exists("TD Rectification Task", {"source_name": planned.name})


def test_interview_status_cannot_be_typed(world):
	w = world
	interview = held_interview(w, [])
	interview.status = "Closed"
	with pytest.raises(frappe.ValidationError):
		interview.save()


def test_inspection_findings_become_tasks(world):
	w = world
	inspection = make_inspection(
		w,
		w.b.unit,
		[
			{"problem": "纪委书记分管其他业务", "deadline": add_days(today(), 30)},
			{"problem": "举报电话未公开", "rectification_kind": "Immediate", "unit": w.b.villages[0]},
		],
		title="党风廉政建设责任制专项督查",
	)
	tasks = inspection.create_rectification_tasks()
	assert len(tasks) == 2
	units = {frappe.db.get_value("TD Rectification Task", t, "unit") for t in tasks}
	assert units == {w.b.unit, w.b.villages[0]}
	assert frappe.db.get_value("TD Inspection", inspection.name, "status") == "Following Up"
	# re-running makes no duplicates
	assert inspection.create_rectification_tasks() == []


def sent_to(doctype: str, name: str) -> dict[str, list[str]]:
	rows = frappe.get_all(
		"Notification Log", {"document_type": doctype, "document_name": name}, ["for_user", "subject"]
	)
	out: dict[str, list[str]] = {}
	for row in rows:
		out.setdefault(row.for_user, []).append(row.subject)
	return out


def test_the_unit_hears_about_issue_return_and_recheck(world):
	w = world
	frappe.set_user(w.inspector)
	task = make_task(w.a.unit)
	issued = sent_to("TD Rectification Task", task)
	assert set(issued) == {w.a.liaison, w.a.head}
	assert "新的整改任务" in issued[w.a.liaison][0]
	submit_plan(task, w.a.liaison)
	workflow(task, "Return Plan", w.a.head)
	assert frappe.db.get_value("TD Rectification Task", task, "returned") == 1
	assert any("方案被退回" in s for s in sent_to("TD Rectification Task", task)[w.a.liaison])
	submit_plan(task, w.a.liaison)
	assert frappe.db.get_value("TD Rectification Task", task, "returned") == 0
	workflow(task, "Approve Plan", w.a.head)
	add_progress(task, w.a.liaison)
	workflow(task, "Submit Report", w.a.liaison)
	workflow(task, "Sign Off", w.a.head)
	recheck(task, w.inspector, "Fail", new_deadline=add_days(today(), 10))
	after = sent_to("TD Rectification Task", task)
	assert any("复查未通过" in s for s in after[w.a.secretary])
	frappe.set_user("Administrator")
	assert frappe.db.exists(
		"Email Queue", {"reference_doctype": "TD Rectification Task", "reference_name": task}
	)


def test_interviewees_receive_the_notice(world):
	w = world
	interview = held_interview(w, [])
	notices = sent_to("TD Interview", interview.name)
	assert list(notices) == [w.a.head] and "约谈通知" in notices[w.a.head][0]
