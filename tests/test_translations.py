"""Chinese first: every string the app shows has a zh translation."""

import ast
import csv
import json
import pathlib
import re

import frappe
from frappe.translate import clear_cache as clear_translation_cache
from frappe.translate import get_all_translations

APP = pathlib.Path(frappe.get_app_path("twoduty_app"))
JS_STRING = re.compile(r'__\(\s*"((?:[^"\\]|\\.)*)"')


def app_translations() -> dict[str, str]:
	with (APP / "translations" / "zh.csv").open(encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2 and row[1].strip()}


def shown_strings() -> set[str]:
	"""Labels, options, names and descriptions of the app's doctypes, its roles and every _() text."""
	found: set[str] = set()
	for path in APP.glob("*/doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		found.add(meta["name"])
		for df in meta.get("fields", []):
			for key in ("label", "description"):
				if df.get(key):
					found.add(df[key])
			if df.get("fieldtype") == "Select":
				found.update(o for o in (df.get("options") or "").split("\n") if o)
	for fixture in ("role.json", "workflow_state.json", "workflow_action_master.json"):
		for record in json.loads((APP / "fixtures" / fixture).read_text(encoding="utf-8")):
			found.add(record["name"])
	for path in APP.rglob("*.py"):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
			):
				found.add(node.args[0].value)
	for path in APP.glob("*/print_format/*/*.json"):
		found.update(
			re.findall(r'(?:_|zh)\("((?:[^"\\]|\\.)*)"', json.loads(path.read_text(encoding="utf-8"))["html"])
		)
	for path in APP.rglob("*.js"):
		found.update(JS_STRING.findall(path.read_text(encoding="utf-8")))
	from twoduty_app.www.td import STRINGS

	found.update(STRINGS)
	return {s for s in found if any(c.isascii() and c.isalpha() for c in s)}


def test_every_shown_string_has_a_chinese_translation():
	"""Ours, or Frappe's own for generic words (Cancel, Closed…) that the app does not re-translate."""
	translated = {**get_all_translations("zh"), **app_translations()}
	missing = sorted(s for s in shown_strings() if not translated.get(s))
	assert not missing, f"{len(missing)} strings lack a zh translation: {missing[:20]}"


def test_translations_keep_their_placeholders():
	for source, target in app_translations().items():
		for n in range(5):
			assert (f"{{{n}}}" in source) == (f"{{{n}}}" in target), (source, target)


def test_site_serves_the_app_translations_in_zh():
	frappe.local.lang = "zh"
	clear_translation_cache()
	assert frappe._("TD Unit") == "责任单位"
	assert frappe._("Grassroots Station") == "基层站所"


def frappe_translations() -> dict[str, str]:
	"""Frappe's own zh rows without context."""
	with (pathlib.Path(frappe.get_app_path("frappe")) / "translations" / "zh.csv").open(
		encoding="utf-8"
	) as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) == 2 or (len(row) > 2 and not row[2])}


def test_no_app_row_changes_frappes_own_chinese():
	"""A row without context applies to the whole site: it must not re-translate a word Frappe translates."""
	frappes = frappe_translations()
	with (APP / "translations" / "zh.csv").open(encoding="utf-8") as f:
		rows = [row for row in csv.reader(f) if len(row) >= 2]
	clashes = [
		(row[0], row[1], frappes[row[0]])
		for row in rows
		if (len(row) == 2 or not row[2]) and row[0] in frappes and frappes[row[0]] != row[1]
	]
	assert clashes == []


def test_the_workflows_use_no_generic_action_name():
	"""Actions are the app's own words: translating them changes nothing else on the site (not ERPNext's
	Issue doctype, nor Frappe's Cancel button)."""
	actions = {
		t.action
		for w in frappe.get_all("Workflow", {"name": ("like", "TD %")}, pluck="name")
		for t in frappe.get_doc("Workflow", w).transitions
	}
	assert actions & {"Issue", "Cancel", "Sign"} == set()
	assert not frappe.db.exists("Workflow Action Master", "Issue")
