"""Prints a JSON inventory of a site: rows per table of the app and every file of its records (File row, URL,
privacy, checksum). Independent of the app's code, so that two versions of the app can be compared by it.

	cd sites && ../env/bin/python <repo>/scripts/inventory.py SITE > inventory.json
"""

import hashlib
import json
import os
import sys

import frappe


def inventory(site: str) -> dict:
	frappe.init(site=site, sites_path=os.getcwd())
	frappe.connect()
	try:
		tables = frappe.db.sql_list(
			"select table_name from information_schema.tables where table_schema = %s and table_name like %s",
			(frappe.conf.db_name, "tabTD %"),
		)
		rows = {t: frappe.db.sql(f"select count(*) from `{t}`")[0][0] for t in sorted(tables)}
		files = {}
		for f in frappe.get_all(
			"File",
			{"attached_to_doctype": ("like", "TD %"), "is_folder": 0},
			["name", "file_url", "is_private"],
		):
			path = frappe.get_site_path("" if f.is_private else "public", f.file_url.lstrip("/"))
			with open(path, "rb") as content:
				files[f.name] = [f.file_url, f.is_private, hashlib.sha1(content.read()).hexdigest()]
		return {"rows": rows, "files": files}
	finally:
		frappe.destroy()


if __name__ == "__main__":
	print(json.dumps(inventory(sys.argv[1]), indent=1, sort_keys=True))
