#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on 127.0.0.1, its URL in ZWGK_TEST_DATABASE_URL, then
# stops the server and removes its files whatever the command did. Installs Debian's postgresql if no
# server binaries are present (idempotent). Usage: bash .ci/with-postgres.sh npm test
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(find_bin)" ] || [ ! -x "$(find_bin)/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends postgresql
fi
BIN="$(find_bin)"

# initdb refuses to run as root: the server runs as the postgres user the package created.
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  RUN_AS=(runuser -u postgres --)
fi

DIR="$(mktemp -d /tmp/zwgk-pg.XXXXXX)"
chmod 755 "$DIR"
[ "$(id -u)" = "0" ] && chown postgres "$DIR"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=on" start >/dev/null

export ZWGK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT for the tests" >&2
"$@"
