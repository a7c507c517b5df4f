"""Nothing lost by deletion: a record that carries evidence or history once it left Draft is refused
deletion through the REST API (the desk's delete goes the same way) as the county administrator, and in
process as Administrator; revoking with a reason keeps the record. A draft may still be deleted."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from tests import http
from tests.factories import (
	CountyWorld,
	bring_to_pending_recheck,
	held_interview,
	make_county_world,
	make_inspection,
	make_task,
	recheck,
)
from twoduty_app.exceptions import RecordKeptError
from twoduty_app.responsibility.assignments import generate_assignments

YEAR = getdate(today()).year


@pytest.fixture(scope="module")
def kept() -> tuple[CountyWorld, dict[str, list[str]]]:
	"""One committed record of each kind that is kept, and the drafts that are not."""
	w = make_county_world(commit=False)
	generate_assignments(YEAR, w.county, publish_progress=False)
	records: dict[str, list[str]] = {}

	frappe.set_user(w.inspector)
	issued = make_task(w.a.unit)
	closed = make_task(w.a.unit)
	bring_to_pending_recheck(w, closed)
	recheck(closed, w.inspector, "Pass")
	records["TD Rectification Task"] = [issued, closed]
	records["TD Recheck"] = frappe.get_all("TD Recheck", {"rectification_task": closed}, pluck="name")

	records["TD Interview"] = [held_interview(w, [{"problem": "谈话提醒", "unit": w.a.unit}]).name]

	inspection = make_inspection(w, w.b.unit, [{"problem": "台账不全", "deadline": add_days(today(), 30)}])
	inspection.create_rectification_tasks()
	records["TD Inspection"] = [inspection.name]

	frappe.set_user(w.a.liaison)
	assignment = frappe.get_doc("TD Duty Assignment", {"unit": w.a.unit, "year": YEAR})
	record = frappe.get_doc(
		{
			"doctype": "TD Duty Record",
			"title": "开展廉政谈话",
			"unit": w.a.unit,
			"record_kind": "Integrity Talk",
			"record_date": today(),
			"duty_items": [{"duty_item": assignment.items[0].duty_item}],
		}
	).insert()
	frappe.set_user(w.inspector)
	frappe.get_doc("TD Duty Record", record.name).review("已核实")
	records["TD Duty Record"] = [record.name]

	frappe.set_user(w.a.head)
	apply_workflow(frappe.get_doc("TD Duty Assignment", assignment.name), "Sign Agreement")
	records["TD Duty Assignment"] = [assignment.name]

	frappe.set_user(w.inspector)
	w.extra["draft"] = make_task(w.a.unit, issue=False)
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.extra["admin_token"] = http.api_token(w.admin)
	return w, records


def test_records_with_history_are_refused_deletion_over_rest_and_kept(kept):
	w, records = kept
	statuses = {}
	for doctype, names in records.items():
		assert names, doctype
		for name in names:
			resp = http.delete(f"/api/resource/{doctype}/{name}", w.extra["admin_token"])
			assert resp.status in (403, 417), (doctype, resp.status, resp.text[:300])
			if resp.status == 417:  # the rule itself, in Chinese (403: the role has no delete right at all)
				assert resp.json()["exc_type"] == "RecordKeptError", resp.text[:300]
				assert any("存档备查" in m for m in resp.messages), resp.messages
			frappe.db.rollback()
			assert frappe.db.exists(doctype, name), (doctype, name)
			statuses[name] = (doctype, resp.status)
	print("\nkept records, refused deletion:", statuses)
	assert len(statuses) == 7
	# where the administrator's role may delete at all, it is the app's rule that refuses (a recheck has no
	# delete right for anyone)
	assert {d for d, status in statuses.values() if status == 417} == set(records) - {"TD Recheck"}


@pytest.mark.usefixtures("rollback_each_test")
def test_not_even_administrator_deletes_them(kept):
	_, records = kept
	for doctype, names in records.items():
		for name in names:
			# Frappe itself refuses a submitted document before asking the app
			with pytest.raises(frappe.ValidationError if doctype == "TD Recheck" else RecordKeptError):
				frappe.delete_doc(doctype, name, force=True)
			assert frappe.db.exists(doctype, name)


def test_a_draft_task_is_still_deleted_by_the_county(kept):
	w, _ = kept
	resp = http.delete(f"/api/resource/TD Rectification Task/{w.extra['draft']}", w.extra["admin_token"])
	assert resp.status == 202, resp.text[:300]
	frappe.db.rollback()
	assert not frappe.db.exists("TD Rectification Task", w.extra["draft"])
