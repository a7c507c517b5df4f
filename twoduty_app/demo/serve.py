"""The WSGI application `scripts/run.sh` serves with gunicorn (several workers, as production does), for a
machine without nginx: Frappe's own application for one site, with the static files Frappe's development
server would serve. A county's server uses `bench setup production` instead (README, "Deploy for a county")."""

import os

import frappe.app

frappe.app._site = os.environ.get("TWODUTY_SITE") or None
application = frappe.app.application_with_statics()
