# Shared helpers for scripts/run.sh, scripts/test.sh and .ci/run. Source it; do not run it.
# Everything here uses the standard Frappe route (bench, MariaDB, Redis from Debian packages).

set -euo pipefail

APP=twoduty_app
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-root}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}

say() { printf '\n\033[1m[twoduty %ss] %s\033[0m\n' "$SECONDS" "$*"; }
warn() { printf '\n\033[33m[twoduty] WARNING: %s\033[0m\n' "$*" >&2; }
die() {
	printf '\n\033[31m[twoduty] ERROR: %s\033[0m\n' "$*" >&2
	exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }

# git on this checkout, whoever owns it (CI runs as root on a copy another user may own: git would refuse it
# as of "dubious ownership" and answer nothing)
repo_git() { git -c safe.directory='*' -C "$REPO_ROOT" "$@"; }

# Debian packages the bench needs at run time; installed only when missing (needs root).
ensure_packages() {
	local missing=()
	command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	dpkg -s libmariadb-dev >/dev/null 2>&1 || missing+=(libmariadb-dev pkg-config)
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
	# PDFs of the print formats, and the browser tests
	command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
	command -v chromium >/dev/null 2>&1 || missing+=(chromium)
	command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
	# the printed forms' pages as pictures (tests keep them under artifacts/screenshots)
	command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
	if [ ${#missing[@]} -gt 0 ]; then
		is_root || die "missing packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})"
		say "installing ${missing[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

ensure_mariadb() {
	if is_root && [ ! -f /etc/mysql/mariadb.conf.d/99-twoduty.cnf ]; then
		cat >/etc/mysql/mariadb.conf.d/99-twoduty.cnf <<'CNF'
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb_buffer_pool_size = 1G
[mysql]
default-character-set = utf8mb4
CNF
	fi
	# the binary log a replica reads (README, "More than one machine"; tests/test_replica.py)
	if is_root && [ ! -f /etc/mysql/mariadb.conf.d/99-twoduty-replication.cnf ]; then
		cat >/etc/mysql/mariadb.conf.d/99-twoduty-replication.cnf <<'CNF'
[mysqld]
server_id = 1
log_bin = twoduty-bin
binlog_format = ROW
expire_logs_days = 2
max_binlog_size = 256M
CNF
	fi
	if ! mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1; then
		is_root || die "MariaDB is not running; start it as root (service mariadb start)"
		say "starting MariaDB"
		service mariadb start >/dev/null || die "MariaDB did not start"
	fi
	for _ in $(seq 1 30); do
		mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 && break
		sleep 1
	done
	if ! mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e "select 1" >/dev/null 2>&1; then
		is_root || die "cannot log into MariaDB as root with DB_ROOT_PASSWORD"
		say "giving MariaDB root a password (bench connects over TCP)"
		mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;" ||
			die "cannot set the MariaDB root password"
	fi
	# a server started before the replication settings existed: restarted once to read them
	if is_root && [ "$(mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -N -e 'select @@log_bin' 2>/dev/null)" != 1 ]; then
		say "restarting MariaDB with its binary log"
		# the init script's stop logs in as debian-sys-maint, which a changed root setup can refuse
		mysqladmin -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 shutdown >/dev/null 2>&1 || true
		for _ in $(seq 1 60); do
			pgrep -x mariadbd >/dev/null || break
			sleep 1
		done
		service mariadb start >/dev/null || die "MariaDB did not start again"
		for _ in $(seq 1 30); do
			mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 && break
			sleep 1
		done
		[ "$(mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -N -e 'select @@log_bin')" = 1 ] ||
			die "MariaDB runs without its binary log (see /etc/mysql/mariadb.conf.d/99-twoduty-replication.cnf)"
	fi
}

# Finds a Frappe v15 bench: $TWODUTY_BENCH, then the usual places. Prints its path.
find_bench() {
	local candidates=("${TWODUTY_BENCH:-}" /home/frappe/frappe-bench "$HOME/frappe-bench" /opt/frappe-bench)
	for b in "${candidates[@]}"; do
		[ -n "$b" ] && [ -f "$b/apps/frappe/frappe/__init__.py" ] && [ -x "$b/env/bin/python" ] && {
			echo "$b"
			return 0
		}
	done
	return 1
}

# Makes a bench the standard way (bench init clones Frappe from GitHub).
make_bench() {
	local target=${TWODUTY_BENCH:-/home/frappe/frappe-bench}
	command -v bench >/dev/null 2>&1 || pip install --quiet frappe-bench 'click<8.2' ||
		die "cannot install the bench CLI (pip install frappe-bench)"
	if is_root; then
		id frappe >/dev/null 2>&1 || useradd -m -s /bin/bash frappe
		target=/home/frappe/frappe-bench
		runuser -u frappe -- bash -c "cd /home/frappe && CI=1 bench init --frappe-branch $FRAPPE_BRANCH --skip-assets frappe-bench" ||
			return 1
	else
		(cd "$(dirname "$target")" && CI=1 bench init --frappe-branch "$FRAPPE_BRANCH" --skip-assets "$(basename "$target")") ||
			return 1
	fi
	echo "$target"
}

# Runs a command in the bench folder as the bench's owner (bench refuses root).
as_bench() {
	local owner
	owner=$(stat -L -c %U "$BENCH")
	if is_root && [ "$owner" != root ]; then
		runuser -u "$owner" -- env PATH="$BENCH/env/bin:/usr/local/bin:/usr/bin:/bin" CI="${CI:-}" \
			bash -c "cd '$BENCH' && $*"
	else
		(cd "$BENCH" && PATH="$BENCH/env/bin:$PATH" bash -c "$*")
	fi
}

bench_cli() {
	as_bench "$(command -v bench || echo bench) $*"
}

ensure_redis() {
	local conf port
	for conf in redis_cache redis_queue; do
		port=$(awk '/^port/ {print $2}' "$BENCH/config/$conf.conf")
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			say "starting $conf on port $port"
			as_bench "redis-server config/$conf.conf --daemonize yes >/dev/null"
		fi
		for _ in $(seq 1 20); do
			redis-cli -p "$port" ping >/dev/null 2>&1 && break
			sleep 0.5
		done
		redis-cli -p "$port" ping >/dev/null 2>&1 || die "$conf did not start on port $port"
	done
}

# Puts this checkout (tracked and untracked, not ignored files) into the bench as apps/twoduty_app; with
# an argument, that release (a git tag) instead.
install_app_into_bench() {
	local target="$BENCH/apps/$APP" owner release=${1:-}
	owner=$(stat -L -c %U "$BENCH")
	say "copying $APP ${release:-(this checkout)} into $target"
	rm -rf "$target"
	mkdir -p "$target"
	if [ -n "$release" ]; then
		repo_git archive "$release" | tar -xf - -C "$target"
	elif repo_git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		(cd "$REPO_ROOT" && repo_git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$target"
	else
		# a copy of the project without git: everything but caches
		tar -C "$REPO_ROOT" --exclude=.git --exclude=__pycache__ --exclude='*.pyc' --exclude=node_modules \
			--exclude='*.egg-info' --exclude=.pytest_cache --exclude=artifacts -cf - . | tar -xf - -C "$target"
	fi
	[ -f "$target/$APP/hooks.py" ] || die "copying $APP into the bench left no $APP/hooks.py in $target"
	is_root && chown -R "$owner": "$target"
	# installed, with its dependencies (pyproject.toml)? Otherwise pip installs it (editable) and them
	if ! as_bench "env/bin/python -c 'import $APP, chinese_calendar' 2>/dev/null"; then
		say "pip install -e apps/$APP"
		as_bench "env/bin/python -m pip install --quiet -e apps/$APP" || die "pip install of $APP failed"
	fi
	# the app's public files, as `bench build` links them
	mkdir -p "$BENCH/sites/assets"
	ln -sfn "$target/$APP/public" "$BENCH/sites/assets/$APP"
	if ! grep -qx "$APP" "$BENCH/sites/apps.txt"; then
		# apps.txt often lacks a final newline
		[ -n "$(tail -c1 "$BENCH/sites/apps.txt")" ] && echo >>"$BENCH/sites/apps.txt"
		echo "$APP" >>"$BENCH/sites/apps.txt"
	fi
}

prepare_bench() {
	ensure_packages
	ensure_mariadb
	BENCH=$(find_bench) || {
		say "no Frappe bench found (set TWODUTY_BENCH); trying bench init --frappe-branch $FRAPPE_BRANCH"
		BENCH=$(make_bench) || die "no Frappe v15 bench could be found or made: set TWODUTY_BENCH to an existing bench, or give this machine access to GitHub for bench init. Nothing was tested."
	}
	export BENCH
	say "using bench $BENCH"
	as_bench "env/bin/python -c 'import frappe, sys; assert frappe.__version__.startswith(\"15.\"), frappe.__version__'" ||
		die "the bench at $BENCH is not Frappe v15"
	ensure_redis
	install_app_into_bench
}

# Runs a command with its output in a log; shows the log's end only when the command fails.
quietly() {
	local log
	log=$(mktemp /tmp/twoduty-XXXXXX.log)
	chmod 644 "$log"
	if "$@" >"$log" 2>&1; then
		grep -v "Updating DocTypes\|^$" "$log" | tr '\r' '\n' | grep -v "Updating DocTypes" | tail -n 5 || true
		rm -f "$log"
	else
		tr '\r' '\n' <"$log" | grep -v "Updating DocTypes" | tail -n 60
		rm -f "$log"
		return 1
	fi
}

# Runs a `bench`-style frappe command with the bench's own Python (what bench itself does).
frappe_cli() {
	as_bench "cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe $*"
}

new_site() {
	local site=$1 admin_password=$2
	say "creating site $site"
	quietly frappe_cli new-site "$site" --force --db-root-password "'$DB_ROOT_PASSWORD'" \
		--admin-password "'$admin_password'" --install-app "$APP" ||
		die "could not create site $site"
}

ensure_desk_assets() {
	if ! ls "$BENCH"/sites/assets/frappe/dist/js/desk.bundle.*.js >/dev/null 2>&1; then
		say "building Frappe's desk assets (first run on this bench only)"
		quietly as_bench "cd sites && CI=1 ../env/bin/python -m frappe.utils.bench_helper frappe build --app frappe" ||
			die "bench build failed: the desk, print and browser tests need Frappe's assets"
	fi
}

# Background processes that a script starts: one of each, whatever the number of runs. start_once NAME CMD
# runs CMD from the sites folder unless the NAME process of an earlier run is still alive, and remembers
# what this run started; stop_started (an EXIT trap) stops exactly that.
STARTED_PIDFILES=()
start_once() {
	local name=$1 cmd=$2 pidfile="$BENCH/config/pids/twoduty-$1.pid"
	mkdir -p "$BENCH/config/pids"
	if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
		say "$name is already running (pid $(cat "$pidfile")); not starting another"
		return 0
	fi
	as_bench "cd sites; nohup $cmd >>../logs/$name.log 2>&1 </dev/null & echo \$! >'$pidfile'"
	STARTED_PIDFILES+=("$pidfile")
}

stop_started() {
	local pidfile
	for pidfile in "${STARTED_PIDFILES[@]}"; do
		[ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
		rm -f "$pidfile"
	done
	STARTED_PIDFILES=()
}

# Serves a site on 127.0.0.1:$2 in the background (PDFs fetch their CSS from the site, browsers need it).
start_web() {
	local site=$1 port=$2
	if curl -sf "http://127.0.0.1:$port/api/method/ping" >/dev/null 2>&1; then
		die "port $port is busy; set TWODUTY_TEST_PORT"
	fi
	frappe_cli --site "$site" set-config host_name "http://127.0.0.1:$port" >/dev/null
	as_bench "cd sites; nohup ../env/bin/python -m frappe.utils.bench_helper frappe --site $site serve --port $port --noreload >../logs/twoduty-web-$port.log 2>&1 </dev/null & echo \$! >../config/pids/twoduty-web-$port.pid"
	for _ in $(seq 1 60); do
		curl -sf "http://127.0.0.1:$port/api/method/ping" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	tail -n 30 "$BENCH/logs/twoduty-web-$port.log" >&2
	die "the test web server did not start on port $port"
}

stop_web() {
	local port=$1 pidfile="$BENCH/config/pids/twoduty-web-$1.pid"
	[ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
	rm -f "$pidfile"
}

# The last release as something git can archive: the newest v* tag; a checkout copied without its tags
# still finds the release's commit named in scripts/releases.txt ("v0.1.0 <sha>", newest last).
last_release() {
	local tag sha
	tag=$(repo_git tag --list 'v*' --sort=-v:refname 2>/dev/null | head -n 1)
	if [ -n "$tag" ]; then
		echo "$tag"
		return 0
	fi
	sha=$(awk '/^v[0-9]/ { sha = $2 } END { print sha }' "$REPO_ROOT/scripts/releases.txt" 2>/dev/null)
	[ -n "$sha" ] && repo_git cat-file -e "$sha^{commit}" 2>/dev/null || return 1
	echo "$sha"
}

# Upgrades lose nothing: a site with the demo county built on the last release (the newest v* tag), then
# this checkout installed and migrated: no error, and every TD table's rows and every file as before.
check_upgrade() {
	local site=twoduty-upgrade.localhost release before after
	release=$(last_release) || {
		warn "UPGRADE CHECK NOT RUN: this checkout holds neither a v* tag nor the commit of the last release in scripts/releases.txt (a shallow copy without tags?); git fetch --tags, or clone it whole"
		return 0
	}
	say "upgrade check: the demo county on $release, then this checkout migrated"
	before=$(mktemp /tmp/twoduty-inventory-XXXXXX.json)
	after=$(mktemp /tmp/twoduty-inventory-XXXXXX.json)
	chmod 666 "$before" "$after"
	install_app_into_bench "$release"
	new_site "$site" admin
	# a small demo county (13 first-level units, the fewest its demo year needs): every record kind, in minutes
	quietly frappe_cli --site "$site" twoduty-demo --townships 7 --villages 2 --departments 6 ||
		die "the demo of $release could not be built"
	as_bench "cd sites && ../env/bin/python '$REPO_ROOT/scripts/inventory.py' '$site' >'$before'" ||
		die "inventory of the $release site failed"
	install_app_into_bench
	quietly frappe_cli --site "$site" migrate --skip-search-index || die "migrating the $release site to this checkout failed"
	as_bench "cd sites && ../env/bin/python '$REPO_ROOT/scripts/inventory.py' '$site' >'$after'" ||
		die "inventory of the migrated site failed"
	python3 - "$before" "$after" <<'PY' || die "the upgrade from $release lost or changed something (above)"
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
lost = {t: (n, after["rows"].get(t)) for t, n in before["rows"].items() if after["rows"].get(t) != n}
files = {u: v for u, v in before["files"].items() if after["files"].get(u) != v}
rows = sum(before["rows"].values())
print(f"upgrade: {len(before['rows'])} tables, {rows} rows, {len(before['files'])} files compared")
for t, (n, m) in lost.items():
	print(f"  {t}: {n} rows before, {m} after")
for name, (url, *_) in files.items():
	print(f"  file {name} ({url}) missing or changed")
sys.exit(1 if lost or files else 0)
PY
	quietly frappe_cli drop-site "$site" --force --no-backup --db-root-password "'$DB_ROOT_PASSWORD'" || true
	rm -f "$before" "$after"
}
