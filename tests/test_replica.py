"""More than one machine: a real MariaDB replica of the test site's database, started here on another port
and replicating from the primary. With replication paused, the app's read endpoints (`@frappe.read_only()`)
answer from the replica, which has not seen a change made on the primary, while writes and forms go to the
primary; resumed, the replica catches up and the same endpoint shows the change.

Needs the primary's binary log (scripts/lib.sh `ensure_mariadb` turns it on) and the MariaDB server
programs (Debian's mariadb-server): the test fails, loudly, without them."""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import frappe
import pymysql
import pytest

from tests import http
from tests.factories import CountyWorld, make_county_world, make_task

DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "root")
REPLICATION_USER = "twoduty_replication"


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def _primary(**kwargs):
	return pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user="root",
		password=DB_ROOT_PASSWORD,
		autocommit=True,
		**kwargs,
	)


class Replica:
	"""A second MariaDB server on a free local port with its own data folder, replicating one database."""

	def __init__(self, db_name: str):
		self.db_name = db_name
		self.folder = tempfile.mkdtemp(prefix="twoduty-replica-")
		self.socket = os.path.join(self.folder, "mysqld.sock")
		self.port = _free_port()
		install = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
		server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
		assert install and os.path.exists(server), "MariaDB's server programs are needed for the replica test"
		subprocess.run(
			[install, "--no-defaults", f"--datadir={self.folder}/data", "--auth-root-authentication-method=normal",
				"--skip-test-db"],
			check=True, capture_output=True, timeout=300,
		)  # fmt: skip
		self.process = subprocess.Popen(
			[server, "--no-defaults", f"--datadir={self.folder}/data", f"--socket={self.socket}",
				f"--port={self.port}", "--bind-address=127.0.0.1", "--server-id=2", "--skip-log-bin",
				f"--replicate-do-db={db_name}", "--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci", "--innodb-buffer-pool-size=64M",
				f"--pid-file={self.folder}/mysqld.pid", f"--log-error={self.folder}/error.log"],
			stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
		)  # fmt: skip
		for _ in range(120):
			if os.path.exists(self.socket):
				try:
					self.connect().close()
					return
				except pymysql.MySQLError:
					pass
			time.sleep(0.5)
		raise RuntimeError(f"the replica did not start: {self.log()}")

	def connect(self, **kwargs):
		return pymysql.connect(unix_socket=self.socket, user="root", autocommit=True, **kwargs)

	def sql(self, query: str, args=None) -> list:
		with self.connect() as c, c.cursor() as cursor:
			cursor.execute(query, args)
			return list(cursor.fetchall())

	def log(self) -> str:
		try:
			with open(f"{self.folder}/error.log") as f:
				return f.read()[-2000:]
		except OSError:
			return ""

	def stop(self) -> None:
		self.process.terminate()
		try:
			self.process.wait(timeout=60)
		except subprocess.TimeoutExpired:
			self.process.kill()
		shutil.rmtree(self.folder, ignore_errors=True)


def _start_replication(replica: Replica) -> None:
	"""Copies the site's database with its binary log position and starts replicating from there."""
	db = replica.db_name
	with _primary() as primary, primary.cursor() as cursor:
		cursor.execute("select @@log_bin")
		assert cursor.fetchone()[0] == 1, "the primary MariaDB has no binary log (scripts/lib.sh turns it on)"
		password = frappe.generate_hash(length=20)
		cursor.execute(
			f"create user if not exists '{REPLICATION_USER}'@'127.0.0.1' identified by %s", password
		)
		cursor.execute(f"alter user '{REPLICATION_USER}'@'127.0.0.1' identified by %s", password)
		cursor.execute(f"grant replication slave on *.* to '{REPLICATION_USER}'@'127.0.0.1'")
	# where to replicate from first: the dump then sets the binary log position it was taken at (setting the
	# host afterwards would reset that position)
	replica.sql(
		"change master to master_host=%s, master_port=%s, master_user=%s, master_password=%s",
		(frappe.conf.db_host or "127.0.0.1", int(frappe.conf.db_port or 3306), REPLICATION_USER, password),
	)
	dump = subprocess.run(
		["mariadb-dump", "-h", frappe.conf.db_host or "127.0.0.1", "-P", str(frappe.conf.db_port or 3306),
			"-uroot", f"-p{DB_ROOT_PASSWORD}", "--single-transaction", "--master-data=1", "--databases", db],
		check=True, capture_output=True, timeout=600,
	).stdout  # fmt: skip
	load = subprocess.run(
		["mariadb", f"--socket={replica.socket}", "-uroot"], input=dump, capture_output=True, timeout=600
	)
	assert load.returncode == 0, load.stderr[-2000:]
	# the site's own database user, as on the primary (Frappe connects to the replica with it)
	replica.sql(f"create user '{db}'@'%%' identified by %s", frappe.conf.db_password)
	replica.sql(f"grant all privileges on `{db}`.* to '{db}'@'%'")
	replica.sql("start slave")
	_wait_until_caught_up(replica)


def _wait_until_caught_up(replica: Replica, timeout: int = 60) -> None:
	"""Until the replica has applied the primary's binary log up to where it is now."""
	with _primary() as primary, primary.cursor() as cursor:
		cursor.execute("show master status")
		log_file, position = cursor.fetchone()[:2]
	row = {}
	for _ in range(timeout * 4):
		with replica.connect(cursorclass=pymysql.cursors.DictCursor) as c, c.cursor() as cursor:
			cursor.execute("show slave status")
			row = cursor.fetchone() or {}
		assert row and not row["Last_Error"], row.get("Last_Error") or replica.log()
		if (row["Relay_Master_Log_File"], int(row["Exec_Master_Log_Pos"])) >= (log_file, int(position)):
			return
		time.sleep(0.25)
	raise AssertionError(f"the replica did not catch up with {log_file}:{position}: {row}")


@pytest.fixture(scope="module")
def world() -> CountyWorld:
	w = make_county_world(commit=False)
	frappe.set_user(w.inspector)
	w.extra["task"] = make_task(w.a.unit, problem="复制前的问题描述")
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.extra["liaison"] = http.api_token(w.a.liaison)
	return w


@pytest.fixture(scope="module")
def replica(world):
	replica = Replica(frappe.conf.db_name)
	site_config = frappe.get_site_path("site_config.json")
	with open(site_config) as f:
		original = f.read()
	try:
		_start_replication(replica)
		frappe.conf.update(read_from_replica=1, replica_host="127.0.0.1", replica_db_port=replica.port)
		from frappe.installer import update_site_config

		update_site_config("read_from_replica", 1)
		update_site_config("replica_host", "127.0.0.1")
		update_site_config("replica_db_port", replica.port)
		yield replica
	finally:
		with open(site_config, "w") as f:
			f.write(original)
		for key in ("read_from_replica", "replica_host", "replica_db_port"):
			frappe.conf.pop(key, None)
		frappe.clear_cache()
		replica.stop()
		with _primary() as primary, primary.cursor() as cursor:
			cursor.execute(f"drop user if exists '{REPLICATION_USER}'@'127.0.0.1'")


def _problem_seen_by_the_phone_page(token: str, task: str) -> str:
	resp = http.get("/api/method/twoduty_app.api.mobile.my_tasks", token)
	assert resp.status == 200, resp.text[:300]
	return {t["name"]: t["problem"] for t in resp.json()["message"]}[task]


def test_reads_come_from_the_replica_and_writes_go_to_the_primary(world, replica):
	w = world
	task = w.extra["task"]
	token = w.extra["liaison"]
	assert _problem_seen_by_the_phone_page(token, task) == "复制前的问题描述"

	replica.sql("stop slave sql_thread")  # replication paused: the replica keeps what it had
	frappe.db.set_value("TD Rectification Task", task, "problem", "复制暂停后主库上改过的问题描述")
	frappe.db.commit()

	# the read endpoint answers from the replica: it has not seen the change
	assert _problem_seen_by_the_phone_page(token, task) == "复制前的问题描述"
	# the desk's form (not a read-only endpoint) reads the primary
	form = http.get(
		"/api/method/frappe.desk.form.load.getdoc", token, doctype="TD Rectification Task", name=task
	)
	assert form.status == 200 and form.json()["docs"][0]["problem"] == "复制暂停后主库上改过的问题描述"
	# a write goes to the primary, not to the replica
	progress = http.post(
		"/api/method/twoduty_app.api.mobile.add_progress",
		token,
		{"name": task, "note": "复制暂停期间报送的进展"},
	)
	assert progress.status == 200, progress.text[:300]
	frappe.db.rollback()
	on_primary = frappe.db.count("TD Task Progress", {"parent": task, "note": "复制暂停期间报送的进展"})
	on_replica = replica.sql(
		f"select count(*) from `{frappe.conf.db_name}`.`tabTD Task Progress` where parent=%s and note=%s",
		(task, "复制暂停期间报送的进展"),
	)[0][0]
	assert (on_primary, on_replica) == (1, 0)

	replica.sql("start slave sql_thread")
	_wait_until_caught_up(replica)
	assert _problem_seen_by_the_phone_page(token, task) == "复制暂停后主库上改过的问题描述"
	assert (
		replica.sql(
			f"select count(*) from `{frappe.conf.db_name}`.`tabTD Task Progress` where parent=%s and note=%s",
			(task, "复制暂停期间报送的进展"),
		)[0][0]
		== 1
	)
