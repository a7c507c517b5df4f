"""Real HTTP requests through Frappe's WSGI application, authenticated as a given user.

Each request runs in its own thread, as a real request would, with its own database connection:
the data it reads must be committed.
"""

import json
import threading
from urllib.parse import urlencode

import frappe
import frappe.app
from werkzeug.test import Client

_client = Client(frappe.app.application)


def api_token(user: str) -> str:
	"""Give the user an API key and secret (committed) and return the Authorization header value."""
	doc = frappe.get_doc("User", user)
	secret = frappe.generate_hash(length=15)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	frappe.db.commit()
	return f"token {doc.api_key}:{secret}"


class Response:
	def __init__(self, status: int, body: bytes, headers):
		self.status = status
		self.body = body
		self.headers = headers

	@property
	def text(self) -> str:
		return self.body.decode("utf-8", "replace")

	def json(self):
		return json.loads(self.body or b"{}")

	@property
	def messages(self) -> list[str]:
		"""The messages the desk would show (Frappe's `_server_messages`), decoded."""
		try:
			raw = self.json().get("_server_messages") or "[]"
		except ValueError:
			return []
		return [json.loads(m).get("message", "") for m in json.loads(raw)]


def request(
	method: str,
	path: str,
	token: str,
	params: dict | None = None,
	data: dict | None = None,
	headers: dict | None = None,
	form: dict | None = None,
) -> Response:
	if params:
		path = (
			f"{path}?{urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()})}"
		)

	payload = (
		json.loads(frappe.as_json(data)) if data is not None else None
	)  # dates and decimals as Frappe sends them

	def run():
		resp = _client.open(
			path,
			method=method,
			headers={"Authorization": token, "Accept": "application/json", **(headers or {})},
			**({"data": form} if form is not None else {"json": payload}),
		)
		return Response(resp.status_code, resp.get_data(), resp.headers)

	return in_request_thread(run)


def in_request_thread(fn, site: str | None = None):
	"""Runs `fn` in a thread of its own, as a request to `site` (this test's by default) is served, and
	returns what it returns; what it raises is raised in the test's thread."""
	from unittest.mock import patch

	site = site or frappe.local.site
	result: dict = {}

	def run():
		try:
			with patch("frappe.app.get_site_name", return_value=site):
				result["value"] = fn()
		except BaseException as e:  # surface it in the test's thread
			result["error"] = e

	t = threading.Thread(target=run)
	t.start()
	t.join()
	if "error" in result:
		raise result["error"]
	return result.get("value")


def get(path: str, token: str, **params) -> Response:
	return request("GET", path, token, params=params or None)


def post(path: str, token: str, data: dict) -> Response:
	return request("POST", path, token, data=data)


def put(path: str, token: str, data: dict, headers: dict | None = None) -> Response:
	return request("PUT", path, token, data=data, headers=headers)


def delete(path: str, token: str) -> Response:
	return request("DELETE", path, token)


def upload(
	path: str, token: str, fields: dict, files: list[tuple[str, bytes]], headers: dict | None = None
) -> Response:
	"""A multipart POST, as the phone page sends a progress entry with its photos."""
	import io

	form = dict(fields)
	form["files"] = [(io.BytesIO(content), filename) for filename, content in files]
	return request("POST", path, token, form=form, headers=headers)


def at_once(calls: list[tuple]) -> list[Response]:
	"""Sends several requests at the same instant, each in its own thread with its own database connection,
	as two people (or one double tap) would: `calls` holds (method, path, token, data) tuples."""
	site = frappe.local.site
	barrier = threading.Barrier(len(calls))
	results: list = [None] * len(calls)

	def run(i, method, path, token, data):
		from unittest.mock import patch

		try:
			with patch("frappe.app.get_site_name", return_value=site):
				barrier.wait(timeout=30)
				resp = _client.open(
					path,
					method=method,
					headers={"Authorization": token, "Accept": "application/json"},
					json=json.loads(frappe.as_json(data)) if data is not None else None,
				)
				results[i] = Response(resp.status_code, resp.get_data(), resp.headers)
		except Exception as e:
			results[i] = e

	threads = [threading.Thread(target=run, args=(i, *call)) for i, call in enumerate(calls)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	for r in results:
		if isinstance(r, Exception):
			raise r
	return results
