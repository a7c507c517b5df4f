"""The shell helpers of scripts/ (run.sh, test.sh) behave: one worker and one scheduler whatever the number of
runs, Ctrl-C stops what a run started, and a bench reached through a symbolic link runs as its owner."""

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "scripts" / "lib.sh"


def bash(script: str, bench: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		["bash", "-c", f"source '{LIB}'; BENCH='{bench}'; {script}"],
		capture_output=True,
		text=True,
		timeout=60,
	)


def alive(pid: str) -> bool:
	try:
		os.kill(int(pid), 0)
	except (OSError, ValueError):
		return False
	return True


@pytest.fixture
def bench():
	with tempfile.TemporaryDirectory() as folder:
		for sub in ("sites", "logs", "config/pids"):
			os.makedirs(f"{folder}/{sub}")
		yield folder


def test_a_second_run_starts_no_second_worker_and_ctrl_c_stops_the_first(bench):
	pidfile = f"{bench}/config/pids/twoduty-worker.pid"
	first = bash("start_once worker 'sleep 120'; echo ${#STARTED_PIDFILES[@]}", bench)
	assert first.returncode == 0, first.stderr
	assert first.stdout.strip().endswith("1")
	pid = Path(pidfile).read_text().strip()
	assert alive(pid)
	second = bash("start_once worker 'sleep 120'; echo ${#STARTED_PIDFILES[@]}", bench)
	assert "already running" in second.stdout and second.stdout.strip().endswith("0")
	assert Path(pidfile).read_text().strip() == pid, "the second run must not replace the worker"
	# the EXIT trap of the run that started it (what Ctrl-C leads to) stops it
	stopped = bash(f"STARTED_PIDFILES=('{pidfile}'); stop_started", bench)
	assert stopped.returncode == 0
	assert not Path(pidfile).exists()
	for _ in range(50):
		if not alive(pid):
			break
		subprocess.run(["sleep", "0.1"])
	assert not alive(pid)


def test_a_bench_behind_a_symbolic_link_is_run_as_its_owner(bench):
	with tempfile.TemporaryDirectory() as links:
		link = f"{links}/bench-link"
		os.symlink(bench, link)
		owner = bash('stat -L -c %U "$BENCH"', link).stdout.strip()
		assert owner == Path(bench).owner()
		assert "stat -c %U" not in LIB.read_text(), "stat must follow the link (stat -L)"


def test_every_module_of_the_app_imports_without_a_site():
	"""Bench commands, workers and the scheduler import the app's modules before (or without) connecting to
	a site: none may touch the database or `frappe.local` at import."""
	import sys

	code = (
		"import importlib, pkgutil, twoduty_app\n"
		"for m in pkgutil.walk_packages(twoduty_app.__path__, 'twoduty_app.'):\n"
		"    if '.patches.' not in m.name: importlib.import_module(m.name)\n"
	)
	done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
	assert done.returncode == 0, done.stderr[-2000:]
