"""Duty lists: catalogue, yearly assignments, signing, records with review and late approval, checklists."""

from datetime import date, timedelta

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.utils import add_days, getdate, nowdate, today
from frappe.utils.background_jobs import get_queue

from tests.factories import CountyWorld, attach_file, make_county_world
from twoduty_app.api import duty as api_duty
from twoduty_app.api.checklists import create_rectification_tasks as checklist_tasks
from twoduty_app.api.duty import create_checklists, generate_year
from twoduty_app.common.vocabulary import FIRST_LEVEL_TYPES
from twoduty_app.exceptions import AssignmentLockedError, EvidenceRemovalError
from twoduty_app.responsibility import periods
from twoduty_app.responsibility.seed import seed_all
from twoduty_app.responsibility.seed_data import DUTY_ITEMS
from twoduty_app.setup.install import after_sync

YEAR = getdate(nowdate()).year


pytestmark = pytest.mark.usefixtures("rollback_each_test")


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	frappe.set_user("Administrator")
	town = frappe.get_doc("TD Unit", w.a.unit)
	town.append("oversight", {"user": w.a.team_member, "overseen_unit": w.a.villages[0]})
	town.save()
	frappe.db.commit()
	return w


def assignment(unit: str):
	return frappe.get_doc("TD Duty Assignment", {"unit": unit, "year": YEAR})


def generate(w: CountyWorld):
	frappe.set_user(w.admin)
	return generate_year(YEAR, w.county)


def test_catalogue_is_seeded_once_and_keeps_admin_edits(world):
	keys = {row[0] for row in DUTY_ITEMS}
	seeded = set(frappe.get_all("TD Duty Item", {"seed_key": ("in", list(keys))}, pluck="seed_key"))
	assert seeded == keys
	frappe.set_user(world.admin)
	item = frappe.get_doc("TD Duty Item", {"seed_key": "collective-01"})
	item.item_name = "严明政治纪律和政治规矩（县纪委修订）"
	item.save()
	gate = frappe.get_doc("TD Duty Item", {"seed_key": "gate-05"})
	gate.disabled = 1
	gate.save()
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc("TD Duty Item", gate.name)
	frappe.set_user("Administrator")
	after_sync()  # what every `bench migrate` runs
	assert seed_all() == {"duty_items": 0, "templates": 0}
	assert (
		frappe.db.get_value("TD Duty Item", item.name, "item_name") == "严明政治纪律和政治规矩（县纪委修订）"
	)
	assert frappe.db.get_value("TD Duty Item", gate.name, "disabled") == 1
	assert frappe.db.count("TD Duty Item", {"seed_key": "collective-01"}) == 1
	assert frappe.db.count("TD Checklist Template", {"seed_key": ("is", "set")}) == 2


def test_year_is_generated_for_the_whole_county_without_duplicates(world):
	w = world
	result = generate(w)
	assert result["created"] == 3  # two townships and one department
	township = assignment(w.a.unit)
	layers = [row.duty_layer for row in township.items]
	assert layers.count("Collective") == 20 and layers.count("Supervisory") == 3
	first = [row for row in township.items if row.duty_layer == "First Responsible Person"]
	assert len(first) == 9 and {row.responsible_user for row in first} == {w.a.head}
	team = [row for row in township.items if row.duty_layer == "Team Member"]
	assert [(row.responsible_user, row.overseen_units) for row in team] == [
		(w.a.team_member, frappe.db.get_value("TD Unit", w.a.villages[0], "unit_name"))
	]
	department = assignment(w.department)
	names = {frappe.db.get_value("TD Duty Item", row.duty_item, "seed_key") for row in department.items}
	assert "first-dept-01" in names and "first-town-01" not in names
	assert generate(w)["created"] == 0
	assert frappe.db.count("TD Duty Assignment", {"unit": w.a.unit, "year": YEAR}) == 1


def test_a_county_is_generated_at_once_whatever_the_other_counties_hold(world, monkeypatch):
	"""The inline limit counts the first-level units of the county asked for, not the site's: on a
	province's site one county's generation does not wait for a worker."""
	other = make_county_world()  # three more first-level units on the site
	assert frappe.db.count("TD Unit", {"unit_type": ("in", FIRST_LEVEL_TYPES)}) > 3
	monkeypatch.setattr(api_duty, "INLINE_LIMIT", 3)  # this county's three, and no more
	frappe.set_user(world.admin)
	result = generate_year(YEAR + 1, world.county)
	assert result["queued"] is False and result["created"] == 3
	# the whole site's is more than the limit: queued
	result = generate_year(YEAR + 1)
	assert result["queued"] is True
	get_queue("long").fetch_job(result["job"]).delete()
	# a county that does not exist is refused, not answered with an error of the server
	with pytest.raises(frappe.DoesNotExistError):
		generate_year(YEAR + 1, "没有这个县")
	assert not frappe.db.exists("TD Duty Assignment", {"unit": other.a.unit, "year": YEAR + 1})
	frappe.db.rollback()


def test_a_large_tree_is_generated_by_the_queued_job(world, monkeypatch):
	"""Above the inline limit the action queues a background job; the job a worker would run creates the
	assignments."""

	monkeypatch.setattr(api_duty, "INLINE_LIMIT", 0)
	frappe.set_user(world.admin)
	result = generate_year(YEAR, world.county)
	assert result["queued"] is True
	assert not frappe.db.exists("TD Duty Assignment", {"unit": world.a.unit, "year": YEAR})
	job = get_queue("long").fetch_job(result["job"])
	try:
		assert job.kwargs["method"] == "twoduty_app.responsibility.assignments.generate_assignments"
		frappe.get_attr(job.kwargs["method"])(**job.kwargs["kwargs"])  # what the worker runs
	finally:
		job.delete()
	assert (
		frappe.db.count(
			"TD Duty Assignment",
			{"unit": ("in", [world.a.unit, world.b.unit, world.department]), "year": YEAR},
		)
		== 3
	)


def test_only_the_admin_generates(world):
	frappe.set_user(world.inspector)
	with pytest.raises(frappe.PermissionError):
		generate_year(YEAR, world.county)


def test_the_unit_head_signs_and_signing_locks(world):
	w = world
	generate(w)
	name = assignment(w.a.unit).name
	frappe.set_user(w.a.liaison)
	with pytest.raises(WorkflowTransitionError):
		apply_workflow(frappe.get_doc("TD Duty Assignment", name), "Sign Agreement")
	frappe.set_user(w.b.head)
	with pytest.raises(frappe.PermissionError):
		apply_workflow(frappe.get_doc("TD Duty Assignment", name), "Sign Agreement")
	frappe.set_user(w.a.head)
	doc = apply_workflow(frappe.get_doc("TD Duty Assignment", name), "Sign Agreement")
	assert (doc.workflow_state, doc.signed_by) == ("Signed", w.a.head)
	for user in (w.a.head, w.admin):
		frappe.set_user(user)
		doc = frappe.get_doc("TD Duty Assignment", name)
		doc.items[0].responsible_user = w.a.liaison
		with pytest.raises(AssignmentLockedError):
			doc.save()


def test_the_head_signs_or_sends_back_but_does_not_rewrite_the_county_rows(world):
	w = world
	generate(w)
	name = assignment(w.a.unit).name
	frappe.set_user(w.a.head)
	doc = frappe.get_doc("TD Duty Assignment", name)
	doc.items[0].responsible_user = w.a.liaison
	with pytest.raises(AssignmentLockedError):
		doc.save()
	doc = frappe.get_doc("TD Duty Assignment", name)
	doc.remove(doc.items[-1])
	with pytest.raises(AssignmentLockedError):
		doc.save()
	doc = frappe.get_doc("TD Duty Assignment", name)
	doc.return_to_county("第三项应由纪委书记负责")
	comments = frappe.get_all(
		"Comment", {"reference_name": name, "comment_type": "Comment"}, ["content", "owner"]
	)
	assert [(c.content, c.owner) for c in comments] == [("第三项应由纪委书记负责", w.a.head)]
	assert frappe.db.count("Notification Log", {"document_name": name, "for_user": w.admin}) == 1
	frappe.set_user(w.a.liaison)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Duty Assignment", name).return_to_county("联络员不能退回")
	# the county changes the row, and the head signs what the county set
	frappe.set_user(w.admin)
	doc = frappe.get_doc("TD Duty Assignment", name)
	doc.items[2].responsible_user = w.a.secretary
	doc.save()
	frappe.set_user(w.a.head)
	assert (
		apply_workflow(frappe.get_doc("TD Duty Assignment", name), "Sign Agreement").workflow_state
		== "Signed"
	)


def new_record(w, unit, duty_items, done_on, kind="Integrity Talk", **extra):
	return frappe.get_doc(
		{
			"doctype": "TD Duty Record",
			"title": "开展廉政谈话",
			"unit": unit,
			"record_kind": kind,
			"record_date": done_on,
			"duty_items": [{"duty_item": d} for d in duty_items],
			**extra,
		}
	).insert()


def monthly_duty(w) -> str:
	frappe.set_user("Administrator")
	return (
		frappe.get_doc(
			{
				"doctype": "TD Duty Item",
				"item_name": "每月廉政提醒",
				"duty_layer": "Supervisory",
				"applies_to": [{"unit_type": "Township"}],
				"frequency": "Monthly",
			}
		)
		.insert()
		.name
	)


def test_on_time_record_counts_and_moves_progress(world):
	w = world
	generate(w)
	duty_item = next(r.duty_item for r in assignment(w.a.unit).items if r.duty_layer == "Supervisory")
	before = assignment(w.a.unit).progress
	frappe.set_user(w.a.liaison)
	record = new_record(w, w.a.unit, [duty_item], nowdate())
	assert (record.is_late, record.counts, record.duty_assignment) == (0, 1, assignment(w.a.unit).name)
	after = assignment(w.a.unit)
	assert after.progress > before
	row = next(r for r in after.items if r.duty_item == duty_item)
	assert row.recorded_in_period and row.traffic_light == "On Track"


def test_late_record_counts_only_after_county_approval(world):
	w = world
	duty_item = monthly_duty(w)
	last_month = getdate(nowdate()).replace(day=1) - timedelta(days=1)
	frappe.set_user(w.a.liaison)
	record = new_record(w, w.a.unit, [duty_item], last_month)
	assert (record.is_late, record.counts, record.late_approval) == (1, 0, "Pending")
	with pytest.raises(frappe.PermissionError):
		record.approve_late_entry(True)
	record.reload()
	record.counts = 1
	with pytest.raises(frappe.ValidationError):
		record.save()
	frappe.set_user(w.inspector)
	record = frappe.get_doc("TD Duty Record", record.name)
	record.approve_late_entry(True)
	assert frappe.db.get_value("TD Duty Record", record.name, ["counts", "late_approval"]) == (1, "Approved")


def test_period_rules():
	assert periods.period_bounds(date(2026, 5, 9), "Quarterly") == (date(2026, 4, 1), date(2026, 6, 30))
	assert periods.period_bounds(date(2026, 2, 9), "Monthly") == (date(2026, 2, 1), date(2026, 2, 28))
	assert periods.is_late_entry(date(2026, 3, 31), date(2026, 4, 1), "Quarterly")
	assert not periods.is_late_entry(date(2026, 3, 31), date(2026, 4, 1), "Yearly")
	assert periods.previous_period(date(2026, 5, 9), "Quarterly") == (date(2026, 1, 1), date(2026, 3, 31))
	assert periods.previous_period(date(2026, 2, 9), "Quarterly") is None


def test_record_date_cannot_be_in_the_future(world):
	w = world
	generate(w)
	duty_item = assignment(w.a.unit).items[0].duty_item
	frappe.set_user(w.a.liaison)
	with pytest.raises(frappe.ValidationError):
		new_record(w, w.a.unit, [duty_item], getdate(nowdate()) + timedelta(days=3))


def test_township_cannot_see_or_review_anothers_records(world):
	w = world
	generate(w)
	duty_item = assignment(w.a.unit).items[0].duty_item
	frappe.set_user(w.a.liaison)
	record = new_record(w, w.a.unit, [duty_item], nowdate())
	frappe.set_user(w.b.secretary)
	assert record.name not in frappe.get_list("TD Duty Record", pluck="name")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Duty Record", record.name).review("看过")
	frappe.set_user(w.a.liaison)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Duty Record", record.name).review("自己审自己")
	frappe.set_user(w.a.secretary)
	frappe.get_doc("TD Duty Record", record.name).review("谈话记录完整，同意。")
	assert frappe.db.get_value("TD Duty Record", record.name, ["review_status", "reviewed_by"]) == (
		"Reviewed",
		w.a.secretary,
	)
	frappe.set_user(w.a.liaison)
	doc = frappe.get_doc("TD Duty Record", record.name)
	doc.title = "改写"
	with pytest.raises(frappe.ValidationError):
		doc.save()


def test_a_reviewed_records_evidence_cannot_be_deleted(world):
	w = world
	generate(w)
	duty_item = assignment(w.a.unit).items[0].duty_item
	frappe.set_user(w.a.liaison)
	record = new_record(w, w.a.unit, [duty_item], nowdate())
	files = [attach_file("TD Duty Record", record.name, f"photo-{n}.png") for n in (1, 2)]
	record.reload()
	for url in files:
		record.append("evidence_files", {"file": url})
	record.save()
	# before the review the unit may still take a wrong photo away
	frappe.delete_doc("File", frappe.db.get_value("File", {"file_url": files[1]}))
	frappe.set_user(w.a.secretary)
	frappe.get_doc("TD Duty Record", record.name).review("材料齐全")
	for user in (w.a.liaison, w.admin):
		frappe.set_user(user)
		with pytest.raises(EvidenceRemovalError):  # whatever the rights on files, the evidence stays
			frappe.delete_doc(
				"File", frappe.db.get_value("File", {"file_url": files[0]}), ignore_permissions=True
			)
	frappe.set_user(w.admin)
	doc = frappe.get_doc("TD Duty Record", record.name)
	doc.evidence_files = [row for row in doc.evidence_files if row.file != files[0]]
	with pytest.raises(EvidenceRemovalError):
		doc.save()


def test_record_must_name_assigned_duties(world):
	w = world
	generate(w)
	department_only = frappe.get_value("TD Duty Item", {"seed_key": "first-dept-01"})
	frappe.set_user(w.a.liaison)
	with pytest.raises(frappe.ValidationError):
		new_record(w, w.a.unit, [department_only], nowdate())


def test_checklist_lines_are_reviewed_one_by_one_by_an_outsider(world):
	w = world
	template = frappe.db.get_value("TD Checklist Template", {"seed_key": "support-discipline-secretary"})
	frappe.set_user(w.admin)
	assert create_checklists(YEAR, template, w.county)["created"] == 3
	assert create_checklists(YEAR, template, w.county)["created"] == 0
	name = frappe.db.get_value("TD Unit Checklist", {"unit": w.a.unit, "year": YEAR, "template": template})
	frappe.set_user(w.a.liaison)
	checklist = frappe.get_doc("TD Unit Checklist", name)
	assert len(checklist.lines) == 12
	checklist.lines[0].status = "Met"
	checklist.lines[0].note = "纪委书记专职，未分管其他工作"
	checklist.lines[1].status = "Not Met"
	checklist.save()
	checklist.lines[2].confirmed = 1
	with pytest.raises(frappe.ValidationError):
		checklist.save()
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("TD Unit Checklist", name).review(
			[{"row": checklist.lines[0].name, "verdict": "Confirmed"}]
		)
	frappe.set_user(w.b.liaison)
	assert name not in frappe.get_list("TD Unit Checklist", pluck="name")
	frappe.set_user(w.inspector)
	checklist = frappe.get_doc("TD Unit Checklist", name)
	first, second, third = (line.name for line in checklist.lines[:3])
	with pytest.raises(frappe.ValidationError):  # an overrule needs its reason
		checklist.review([{"row": first, "verdict": "Overruled"}])
	with pytest.raises(frappe.ValidationError):  # an unanswered line cannot be reviewed
		frappe.get_doc("TD Unit Checklist", name).review([{"row": third, "verdict": "Confirmed"}])
	frappe.get_doc("TD Unit Checklist", name).review(
		[
			{"row": first, "verdict": "Overruled", "reason": "纪委书记仍分管财务工作"},
			{"row": second, "verdict": "Confirmed"},
		]
	)
	frappe.set_user(w.a.liaison)
	checklist = frappe.get_doc("TD Unit Checklist", name)
	assert (checklist.confirmed_count, checklist.overruled_count, checklist.met_count) == (1, 1, 1)
	assert (checklist.lines[0].verdict, checklist.lines[0].verdict_reason) == (
		"Overruled",
		"纪委书记仍分管财务工作",
	)
	checklist.lines[0].status = "Not Met"
	with pytest.raises(frappe.ValidationError):
		checklist.save()


def test_lines_found_not_met_become_tasks_in_one_action(world):
	w = world
	template = frappe.db.get_value("TD Checklist Template", {"seed_key": "support-discipline-secretary"})
	frappe.set_user(w.admin)
	create_checklists(YEAR, template, w.county)
	name = frappe.db.get_value("TD Unit Checklist", {"unit": w.b.unit, "year": YEAR, "template": template})
	frappe.set_user(w.b.liaison)
	checklist = frappe.get_doc("TD Unit Checklist", name)
	for line, answer in zip(checklist.lines[:3], ("Met", "Not Met", "Met"), strict=True):
		line.status = answer
	checklist.save()
	rows = [line.name for line in checklist.lines[:3]]
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Unit Checklist", name).review(
		[
			{"row": rows[0], "verdict": "Overruled", "reason": "未配备专用举报电话"},
			{"row": rows[1], "verdict": "Confirmed"},
			{"row": rows[2], "verdict": "Confirmed"},
		]
	)
	frappe.set_user(w.b.liaison)
	with pytest.raises(frappe.PermissionError):
		checklist_tasks(name, add_days(today(), 20))
	frappe.set_user(w.inspector)
	created = checklist_tasks(name, add_days(today(), 20))
	assert len(created) == 2  # the overruled "met" and the confirmed "not met"; the confirmed "met" stays
	tasks = frappe.get_all(
		"TD Rectification Task",
		{"name": ("in", created)},
		["unit", "workflow_state", "source_doctype", "source_name", "requirement"],
	)
	assert {(t.unit, t.workflow_state, t.source_doctype, t.source_name) for t in tasks} == {
		(w.b.unit, "Issued", "TD Unit Checklist", name)
	}
	assert "未配备专用举报电话" in {t.requirement for t in tasks}
	assert checklist_tasks(name, add_days(today(), 20)) == []  # each line has its task now
