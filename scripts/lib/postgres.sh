#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's package) on a free loopback port, for tests and benchmarks. Its data directory,
# socket and log live in a directory of the caller's; it runs as the unprivileged user `postgres` when started by
# root (PostgreSQL refuses to run as root). Installs Debian's postgresql when no server binary is found.
#
#   scripts/lib/postgres.sh start DIR [OWNER_PID]   # prints the port; with OWNER_PID, the server stops by itself
#                                                   # once that process is gone (a test host killed mid-run)
#   scripts/lib/postgres.sh stop DIR                # stops the server started in DIR (its own PID) and removes DIR
# DIR's parent must be enterable by the user postgres (e.g. DIR directly under /tmp): as root, DIR itself is given to it.
#   scripts/lib/postgres.sh pause DIR               # stops the server but keeps DIR (data and port): an outage
#   scripts/lib/postgres.sh resume DIR              # starts it again from DIR on the same port; prints the port
#
# The superuser is `bleepstore`, trusted on 127.0.0.1 without a password:
#   Host=127.0.0.1;Port=PORT;Username=bleepstore;Database=postgres
# PG_DURABLE=1 keeps fsync and synchronous commit on (benchmarks); tests run without them, which loses nothing when
# only processes die, never the machine.
set -uo pipefail
LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$LIB_DIR/common.sh"

pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -z "$bin" ]]; then
    apt_install postgresql >/dev/null || return 1
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  [[ -n "$bin" && -x "$bin/postgres" ]] || { log "no PostgreSQL server binary found"; return 1; }
  echo "$bin"
}

# as_pg CMD... — runs CMD as the user `postgres` when we are root, else as ourselves.
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  local dir=$1 owner=${2:-} bin port attempt durability
  bin="$(pg_bin)" || return 1
  mkdir -p "$dir"
  [[ "$(id -u)" -ne 0 ]] || chown postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U bleepstore -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { log "initdb failed: $(tail -n 3 "$dir/initdb.log")"; return 1; }
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [[ "${PG_DURABLE:-0}" == 1 ]] && durability=""
  echo "$durability" >"$dir/options"
  for attempt in 1 2 3; do
    port="$(free_port)"
    if pg_run "$bin" "$dir" "$port"; then
      echo "$port" >"$dir/port"
      if [[ -n "$owner" ]]; then
        # Stops the server once the owner is gone (or DIR was removed); a paused server keeps DIR/data, so the
        # watchdog outlives a pause. setsid + closed descriptors so nobody waits on it.
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -d "$2/data" ]]; do sleep 1; done
                        "$0" stop "$2" >/dev/null 2>&1' "${BASH_SOURCE[0]}" "$owner" "$dir" </dev/null >/dev/null 2>&1 &
      fi
      echo "$port"
      return 0
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt): $(tail -n 2 "$dir/server.log" 2>/dev/null)"
  done
  return 1
}

# pg_run BIN DIR PORT — starts the postmaster of DIR/data on PORT and waits until it accepts connections.
pg_run() {
  local bin=$1 dir=$2 port=$3
  # shellcheck disable=SC2046 # the options file holds -c flags, split on purpose
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 $(cat "$dir/options" 2>/dev/null)" start >/dev/null 2>&1
}

# An outage: the server stops (fast shutdown: open connections are cut), DIR keeps its data and port.
pg_pause() {
  local dir=$1 bin
  [[ -f "$dir/data/postmaster.pid" ]] || { log "no PostgreSQL running in $dir"; return 1; }
  bin="$(pg_bin)" || return 1
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1
}

# The end of the outage: the same data on the same port (retried while the port is briefly taken).
pg_resume() {
  local dir=$1 bin port attempt
  port="$(cat "$dir/port" 2>/dev/null)" || { log "no paused PostgreSQL in $dir"; return 1; }
  bin="$(pg_bin)" || return 1
  for attempt in 1 2 3 4 5; do
    if pg_run "$bin" "$dir" "$port"; then
      echo "$port"
      return 0
    fi
    log "PostgreSQL did not restart on port $port (attempt $attempt): $(tail -n 2 "$dir/server.log" 2>/dev/null)"
    sleep 1
  done
  return 1
}

pg_stop() {
  local dir=$1 bin pid
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    pid="$(head -n 1 "$dir/data/postmaster.pid")"
    bin="$(pg_bin)" && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1
    # pg_ctl gave up: the postmaster is ours (its PID file is in our directory).
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$dir"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-}" in
    start) pg_start "${2:?DIR}" "${3:-}" ;;
    stop) pg_stop "${2:?DIR}" ;;
    pause) pg_pause "${2:?DIR}" ;;
    resume) pg_resume "${2:?DIR}" ;;
    *) echo "usage: $0 start DIR [OWNER_PID] | stop DIR | pause DIR | resume DIR" >&2; exit 2 ;;
  esac
fi
