"""Idempotent seeding of the duty catalogue and checklist templates (after install and every migrate).

A record is created only when no record carries its seed key: an admin's edits, additions and
disabled items survive every migrate."""

import frappe

from twoduty_app.responsibility.seed_data import CHECKLIST_TEMPLATES, DUTY_ITEMS


def seed_all() -> dict:
	return {"duty_items": seed_duty_items(), "templates": seed_checklist_templates()}


def seed_duty_items() -> int:
	existing = set(frappe.get_all("TD Duty Item", filters={"seed_key": ("is", "set")}, pluck="seed_key"))
	created = 0
	for key, name, layer, group, source, applies_to, frequency, evidence, requirement in DUTY_ITEMS:
		if key in existing:
			continue
		frappe.get_doc(
			{
				"doctype": "TD Duty Item",
				"seed_key": key,
				"item_name": name,
				"duty_layer": layer,
				"duty_group": group,
				"source": source,
				"applies_to": [{"unit_type": t} for t in applies_to],
				"frequency": frequency,
				"expected_evidence": evidence,
				"requirement": requirement or None,
				"weight": 1,
			}
		).insert(ignore_permissions=True)
		created += 1
	return created


def seed_checklist_templates() -> int:
	existing = set(
		frappe.get_all("TD Checklist Template", filters={"seed_key": ("is", "set")}, pluck="seed_key")
	)
	created = 0
	for key, name, kind, items in CHECKLIST_TEMPLATES:
		if key in existing or frappe.db.exists("TD Checklist Template", name):
			continue
		frappe.get_doc(
			{
				"doctype": "TD Checklist Template",
				"seed_key": key,
				"template_name": name,
				"checklist_kind": kind,
				"items": [template_item(*item) for item in items],
			}
		).insert(ignore_permissions=True)
		created += 1
	return created


def template_item(section: str, item_text: str, generated_chart: str | None = None) -> dict:
	"""A template line; the charts the app draws name their generator."""
	return {"section": section, "item_text": item_text, "generated_chart": generated_chart}
