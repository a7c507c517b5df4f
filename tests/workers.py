"""Two workers at the same instant: each runs a job as a worker process would, with its own site
connection, released together at a barrier and committed at the end."""

import threading

import frappe


def at_once(fn, workers: int = 2) -> list:
	"""Runs `fn()` in `workers` threads, each with its own connection, at the same instant; returns their
	results (the test's own connection is rolled back to read what they committed). What one raises is
	raised here."""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	barrier = threading.Barrier(workers)
	results: list = [None] * workers

	def run(i):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		try:
			frappe.flags.mute_emails = True
			barrier.wait(timeout=30)
			results[i] = fn()
			frappe.db.commit()
		except Exception as e:
			frappe.db.rollback()
			results[i] = e
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	errors = [r for r in results if isinstance(r, Exception)]
	if errors:
		raise errors[0]
	frappe.db.rollback()
	return results
