"""Fills TD Coverage Mark from every held interview (coverage reads the marks from this release on)."""

from twoduty_app.supervision import coverage_marks


def execute():
	coverage_marks.rebuild_all()
