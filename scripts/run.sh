#!/usr/bin/env bash
# Run it: installs and starts what is missing (MariaDB, Redis, a Frappe v15 bench), creates a site with
# twoduty_app and the demo county, and serves it on http://localhost:8000. Safe to run again.
# Environment: TWODUTY_BENCH (bench folder), TWODUTY_SITE (default twoduty.localhost),
#              ADMIN_PASSWORD (default admin), DB_ROOT_PASSWORD (default root), PORT (default 8000),
#              WORKERS (gunicorn workers, default 2).
source "$(dirname "$0")/lib.sh"

SITE=${TWODUTY_SITE:-twoduty.localhost}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
PORT=${PORT:-8000}
WORKERS=${WORKERS:-2}
prepare_bench

if [ -d "$BENCH/sites/$SITE" ]; then
	say "site $SITE exists"
	if ! frappe_cli --site "$SITE" list-apps 2>/dev/null | grep -q "$APP"; then
		quietly frappe_cli --site "$SITE" install-app "$APP" || die "install-app failed"
	fi
	quietly frappe_cli --site "$SITE" migrate || die "migrate failed"
else
	new_site "$SITE" "$ADMIN_PASSWORD"
fi
frappe_cli --site "$SITE" execute twoduty_app.setup.install.mark_setup_complete >/dev/null
frappe_cli use "$SITE" >/dev/null
frappe_cli --site "$SITE" enable-scheduler >/dev/null

ensure_desk_assets

say "building the demo county (skipped where it exists)"
frappe_cli --site "$SITE" twoduty-demo

say "starting the background worker and the scheduler"
# Ctrl-C (or any exit) stops what this run started; a second run reuses the first run's worker and scheduler
trap stop_started EXIT
trap 'exit 130' INT TERM
start_once worker "../env/bin/python -m frappe.utils.bench_helper frappe worker"
start_once schedule "../env/bin/python -m frappe.utils.bench_helper frappe schedule"

cat <<MSG

  twoduty_app is at   http://localhost:$PORT  (site $SITE)
  Administrator       password $ADMIN_PASSWORD
  demo users          password Demo@2026td, e.g. county-admin@demo.twoduty.local (县纪委),
                      t01-liaison@demo.twoduty.local (a township liaison), leader@demo.twoduty.local (县领导)
  served by           gunicorn, $WORKERS workers (as production serves; nginx is not needed here)
  logs                $BENCH/logs: web.log, worker.log, schedule.log
  Stop with Ctrl-C.

MSG
as_bench "env/bin/python -c 'import gunicorn' 2>/dev/null || env/bin/python -m pip install --quiet gunicorn"
as_bench "cd sites && TWODUTY_SITE='$SITE' ../env/bin/gunicorn --bind 0.0.0.0:$PORT --workers $WORKERS --timeout 120 \
	--access-logfile - twoduty_app.demo.serve:application" 2>&1 | tee -a "$BENCH/logs/web.log"
