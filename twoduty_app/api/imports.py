"""Spreadsheets in: the app's Chinese import templates (`common/data_import.py` holds the rules)."""

import frappe
from frappe import _
from frappe.permissions import can_import

from twoduty_app.common.data_import import IMPORTABLE_DOCTYPES, build_template, chinese_label


@frappe.whitelist()
def download_import_template(doctype: str):
	"""The Chinese template (.xlsx) of a unit, duty record or rectification task import, for a user who may
	import that doctype. Fill it in and upload it in Data Import (数据导入)."""
	if doctype not in IMPORTABLE_DOCTYPES:
		frappe.throw(_("There is no import template for {0}.").format(frappe.bold(_(doctype))))
	if not can_import(doctype):
		frappe.throw(
			_("You are not allowed to import {0}.").format(frappe.bold(_(doctype))), frappe.PermissionError
		)
	frappe.response["filename"] = f"{chinese_label(doctype, doctype)}导入模板.xlsx"
	frappe.response["filecontent"] = build_template(doctype)
	frappe.response["type"] = "binary"
