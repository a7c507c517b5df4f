#!/usr/bin/env bash
# Test it: runs the whole suite on a fresh test site of the bench.
#   scripts/test.sh [pytest args]
# Environment: TWODUTY_BENCH (bench folder), DB_ROOT_PASSWORD (default root), TWODUTY_SKIP_UPGRADE=1,
#              TWODUTY_TEST_SITE (default twoduty-test.localhost), TWODUTY_REUSE_SITE=1 to skip re-creation.
source "$(dirname "$0")/lib.sh"

SITE=${TWODUTY_TEST_SITE:-twoduty-test.localhost}
prepare_bench
# upgrades lose nothing (scripts/lib.sh check_upgrade); TWODUTY_SKIP_UPGRADE=1 skips it outside CI
if [ "${TWODUTY_SKIP_UPGRADE:-0}" = 1 ] && [ -z "${CI:-}" ]; then
	say "upgrade check skipped (TWODUTY_SKIP_UPGRADE=1)"
else
	check_upgrade
fi

if [ "${TWODUTY_REUSE_SITE:-0}" = 1 ] && [ -d "$BENCH/sites/$SITE" ]; then
	say "reusing $SITE; migrating"
	quietly frappe_cli --site "$SITE" migrate --skip-search-index || die "migrate failed"
else
	new_site "$SITE" admin
	frappe_cli --site "$SITE" set-config allow_tests true
	frappe_cli --site "$SITE" execute twoduty_app.setup.install.mark_setup_complete >/dev/null
	# the suite creates more users in a minute than Frappe allows by default (60 an hour)
	frappe_cli --site "$SITE" set-config --parse throttle_user_limit 100000
	# a second migrate right after install must change nothing and fail nothing
	say "migrating the fresh site once (install → migrate must be clean)"
	quietly frappe_cli --site "$SITE" migrate --skip-search-index || die "migrate after install failed"
fi

as_bench "env/bin/python -c 'import pytest, selenium' 2>/dev/null || env/bin/python -m pip install --quiet pytest selenium" ||
	die "cannot install pytest and selenium into the bench"

PORT=${TWODUTY_TEST_PORT:-8010}
ensure_desk_assets
start_web "$SITE" "$PORT"
trap 'stop_web "$PORT"' EXIT

mkdir -p "$REPO_ROOT/artifacts"
is_root && chown "$(stat -L -c %U "$BENCH")" "$REPO_ROOT/artifacts"
say "running the suite on $SITE"
set +e
# pytest runs from the sites folder (Frappe writes its logs next to it); test paths are the app's
targets=()
for arg in "${@:-tests}"; do
	case "$arg" in -*) targets+=("$(printf %q "$arg")") ;; *) targets+=("$(printf %q "../apps/$APP/$arg")") ;; esac
done
as_bench "cd sites && TWODUTY_SITE='$SITE' TWODUTY_URL='http://127.0.0.1:$PORT' TWODUTY_ARTIFACTS='$REPO_ROOT/artifacts' DB_ROOT_PASSWORD='$DB_ROOT_PASSWORD' \
	../env/bin/python -m pytest -p no:cacheprovider -q -rfE ${targets[*]}"
rc=$?
set -e
[ $rc = 5 ] && die "pytest collected no tests"
exit $rc
