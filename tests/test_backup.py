"""Nothing lost: `bench --site S backup --with-files`, restored into a new site, gives the same rows in every
TD table (the tally included) and every evidence file, still private: a guest and a user of another unit
get 403 for its URL, the unit's own liaison 200.

The commands are the ones the README gives; they run as the bench's own CLI, as an operator would."""

import glob
import hashlib
import json
import os
import subprocess
import sys

import frappe
import frappe.app
import pymysql
import pytest
from werkzeug.test import Client

from tests.factories import PASSWORD, CountyWorld, attach_evidence, make_county_world, make_task
from tests.http import in_request_thread

RESTORED = "twoduty-restored.localhost"
DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "root")


def bench(*args: str) -> str:
	"""Runs a `bench`-style Frappe command from the sites folder; returns its output, fails loudly."""
	result = subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=frappe.local.sites_path,
		capture_output=True,
		text=True,
		timeout=900,
	)
	assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}\n{result.stderr[-2000:]}"
	return result.stdout


def app_tables() -> list[str]:
	modules = frappe.get_all("Module Def", {"app_name": "twoduty_app"}, pluck="name")
	return sorted(
		f"tab{name}"
		for name in frappe.get_all(
			"DocType", {"module": ("in", modules), "issingle": 0, "is_virtual": 0}, pluck="name"
		)
	)


def snapshot_of(db_name: str, password: str, tables: list[str]) -> dict[str, str]:
	"""A digest of every row of each table of a site's database (all columns, in key order)."""
	connection = pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user=db_name,
		password=password,
		database=db_name,
		charset="utf8mb4",
	)
	digests = {}
	try:
		with connection.cursor() as cursor:
			for table in tables:
				cursor.execute(f"select * from `{table}` order by name")
				rows = cursor.fetchall()
				digests[table] = f"{len(rows)}:{hashlib.sha1(repr(rows).encode()).hexdigest()}"
	finally:
		connection.close()
	return digests


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	frappe.set_user(w.inspector)
	w.extra["task"] = make_task(w.a.unit)
	frappe.set_user(w.a.liaison)
	w.extra["evidence"] = [attach_evidence(w.extra["task"], f"整改照片{i}.png") for i in range(3)]
	frappe.set_user("Administrator")
	frappe.db.commit()
	return w


def test_backup_with_files_restored_into_a_new_site_keeps_every_row_and_file(world):
	w = world
	site = frappe.local.site
	sites = frappe.local.sites_path
	tables = app_tables()
	assert "tabTD Rectification Task" in tables and "tabTD Unit Tally" in tables
	frappe.db.commit()
	before = snapshot_of(frappe.conf.db_name, frappe.conf.db_password, tables)

	out = bench("--site", site, "backup", "--with-files")
	backups = os.path.join(sites, site, "private", "backups")

	def newest(pattern: str, but: str = "") -> str:
		found = [f for f in glob.glob(os.path.join(backups, pattern)) if not (but and but in f)]
		assert found, (pattern, out)
		return max(found, key=os.path.getmtime)

	database = newest("*-database.sql.gz")
	public, private = newest("*-files.tar", but="private-files"), newest("*-private-files.tar")

	bench(
		"new-site", RESTORED, "--force", "--db-root-password", DB_ROOT_PASSWORD, "--admin-password", "admin"
	)
	try:
		bench(
			"--site", RESTORED, "restore", database, "--with-public-files", public,
			"--with-private-files", private, "--db-root-password", DB_ROOT_PASSWORD, "--force",
		)  # fmt: skip
		with open(os.path.join(sites, RESTORED, "site_config.json")) as f:
			conf = json.load(f)
		assert conf["db_name"] != frappe.conf.db_name
		after = snapshot_of(conf["db_name"], conf["db_password"], tables)
		assert after == before
		rows = sum(int(d.split(":")[0]) for d in before.values())

		# every file of the app's records, byte for byte, still private
		files = frappe.get_all(
			"File",
			{"attached_to_doctype": ("like", "TD %"), "is_folder": 0},
			["file_url", "is_private"],
		)
		assert {f.file_url for f in files} >= set(w.extra["evidence"])
		for f in files:
			relative = f.file_url.lstrip("/")
			folder = "" if f.is_private else "public"
			original = os.path.join(sites, site, folder, relative)
			copy = os.path.join(sites, RESTORED, folder, relative)
			with open(original, "rb") as a, open(copy, "rb") as b:
				assert a.read() == b.read(), f.file_url
		print(f"\nbackup and restore: {len(tables)} tables, {rows} rows, {len(files)} files restored")
		_write_figure({"tables": len(tables), "rows": rows, "files": len(files)})

		url = w.extra["evidence"][0]
		assert url.startswith("/private/files/")
		assert fetch(RESTORED, url) == 403  # a guest
		assert fetch(RESTORED, url, w.b.liaison) == 403  # another township
		assert fetch(RESTORED, url, w.a.liaison) == 200  # the task's own unit
	finally:
		bench("drop-site", RESTORED, "--force", "--no-backup", "--db-root-password", DB_ROOT_PASSWORD)


def fetch(site: str, url: str, user: str | None = None) -> int:
	"""The status of GET url on `site`, as a guest or logged in with the user's password."""

	def run():
		client = Client(frappe.app.application)
		if user:
			login = client.post("/api/method/login", data={"usr": user, "pwd": PASSWORD})
			assert login.status_code == 200, login.get_data()[:300]
		return client.get(url).status_code

	return in_request_thread(run, site)


def _write_figure(figures: dict) -> None:
	folder = os.environ.get("TWODUTY_ARTIFACTS")
	if folder:
		with open(os.path.join(folder, "backup.json"), "w") as f:
			json.dump(figures, f)
