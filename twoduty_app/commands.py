"""Bench commands of the app: `bench --site S twoduty-demo`."""

from contextlib import contextmanager

import click
from frappe.commands import get_site, pass_context


@contextmanager
def connected(context):
	"""The site of the bench command, connected for the block's duration."""
	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		yield frappe
	finally:
		frappe.destroy()


@click.command("twoduty-demo")
@click.option("--counties", default=1, show_default=True, help="How many counties (1: the demo county only).")
@click.option("--townships", default=20, show_default=True)
@click.option("--villages", default=12, show_default=True, help="Villages per township.")
@click.option("--departments", default=40, show_default=True)
@click.option("--no-people", is_flag=True, help="Units only: no demo users (for scale data).")
@click.option("--no-activity", is_flag=True, help="No demo year of records, interviews and tasks.")
@pass_context
def twoduty_demo(context, counties, townships, villages, departments, no_people, no_activity):
	"""Build the demo county in Chinese with a year of its work, or a province-sized tree with --counties N."""
	import time

	started = time.monotonic()
	with connected(context) as frappe:
		from twoduty_app.demo import (  # after connecting: see twoduty_benchmark
			accountability,
			activity,
			assessment,
			generator,
		)
		from twoduty_app.demo.tree import Shape

		shape = Shape(townships=townships, villages_per_township=villages, departments=departments)
		if not no_people:
			generator.set_site_defaults_for_china()
		result = generator.build(counties=counties, shape=shape, people=not no_people, log=click.echo)
		click.echo(
			f"units created: {result['units_created']} in {result['seconds']} s; "
			f"units in all: {frappe.db.count('TD Unit')}"
		)
		if result["users"]:
			click.echo(f"demo users (password {generator.DEMO_PASSWORD}), for example:")
			for person in result["users"][:8]:
				click.echo(f"  {person['user']:<40} {person['name']}")
			click.echo(f"  … {len(result['users'])} in all (see the Users list)")
		if not no_people and not no_activity:
			made = activity.build_activity(generator.DEMO_COUNTY, log=lambda *_: None)
			click.echo("demo year: left as it was" if made.get("skipped") else f"demo year: {made}")
			case = accountability.build_accountability(generator.DEMO_COUNTY, log=lambda *_: None)
			click.echo("demo case: left as it was" if case.get("skipped") else f"demo case: {case}")
			year = assessment.build_assessment(generator.DEMO_COUNTY, log=lambda *_: None)
			click.echo(
				"demo assessment: left as it was" if year.get("skipped") else f"demo assessment: {year}"
			)
		click.echo(f"demo ready in {time.monotonic() - started:.0f} s")


@click.command("twoduty-benchmark")
@click.option("--counties", default=100, show_default=True)
@click.option("--tasks", default=250_000, show_default=True)
@click.option("--interviews", default=100_000, show_default=True)
@click.option("--records", default=1_000_000, show_default=True)
@click.option("--skip-build", is_flag=True, help="Measure the data set already on the site.")
@click.option(
	"--http", is_flag=True, help="Also time the calls over HTTP (gunicorn, two workers, logged in)."
)
@click.option(
	"--load", "load_users", type=int, default=0, help="Then a load test with this many virtual users."
)
@click.option("--load-seconds", type=int, default=60, show_default=True)
@click.option("--load-only", is_flag=True, help="Only the load test (no in-process or HTTP timings).")
@pass_context
def twoduty_benchmark(
	context, counties, tasks, interviews, records, skip_build, http, load_users, load_seconds, load_only
):
	"""Build a province-sized data set on this (benchmark) site and time workspace, lists, reports and jobs."""
	with connected(context) as frappe:
		from twoduty_app.demo import benchmark  # after connecting: its modules build queries at import

		if not skip_build:
			benchmark.build(counties, tasks, interviews, records, log=click.echo)
		benchmark.ensure_cases()
		benchmark.ensure_assessments()
		people = benchmark.ensure_people()
		if load_only:
			from twoduty_app.demo import load_test

			load_people = load_test.load_people(people["one county"])
			click.echo(load_test.as_markdown(load_test.run(load_people, load_users or 20, load_seconds)))
			return
		results = benchmark.measure(people)
		sizes = {
			"units": frappe.db.count("TD Unit"),
			"tasks": frappe.db.count("TD Rectification Task"),
			"interviews": frappe.db.count("TD Interview"),
			"duty records": frappe.db.count("TD Duty Record"),
		}
		click.echo(benchmark.as_markdown(results, sizes))
		if http:
			from twoduty_app.demo import http_benchmark

			click.echo(http_benchmark.as_markdown(http_benchmark.measure(people)))
		if load_users:
			from twoduty_app.demo import load_test

			load_people = load_test.load_people(people["one county"])
			click.echo(load_test.as_markdown(load_test.run(load_people, load_users, load_seconds)))


commands = [twoduty_demo, twoduty_benchmark]
