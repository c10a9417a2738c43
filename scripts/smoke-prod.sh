#!/usr/bin/env bash
# The production image's steps without Docker, on Node 24: a copy of the tree, `npm ci`,
# the build, `npm prune --omit=dev`, then the pruned tree booted with NODE_ENV=production
# against PostgreSQL. Checks health, the OpenAPI document, an authenticated round trip
# (create and read a postmortem) and a clean exit on SIGTERM.
#   DATABASE_URL  server to use (default postgres://postgres@127.0.0.1:5432/test); a fresh
#                 database is created on it and dropped afterwards.
#   KEEP_SMOKE=1  keep the copy for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
base_url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
node_bin=$(bash scripts/node24.sh)
export PATH="$node_bin:$PATH"
echo "== smoke:prod on node $(node --version), npm $(npm --version)"

work=$(mktemp -d /tmp/rt-smoke.XXXXXX)
db="rt_smoke_$(date +%s)_$$"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  psql "$base_url" -qAtc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "${KEEP_SMOKE:-}" = 1 ]; then echo "== kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The files the image's build stage copies, as they are in the working tree.
git ls-files -z --cached --others --exclude-standard | (cd "$root" && xargs -0 cp --parents -t "$work" 2>/dev/null || true)
cd "$work"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
npm prune --omit=dev --no-audit --no-fund --loglevel=error
# What the runtime stage keeps: node_modules, dist and package.json, nothing else.
mkdir runtime && mv node_modules dist package.json runtime/

psql "$base_url" -qAtc "CREATE DATABASE $db" >/dev/null
db_url=$(node -e "const u=new URL(process.argv[1]); u.pathname='/$db'; console.log(u.toString())" "$base_url")
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
token="smoke-$(node -e "console.log(require('crypto').randomBytes(24).toString('hex'))")"
key=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")
cd runtime
NODE_ENV=production DATABASE_URL="$db_url" APP_ENCRYPTION_KEY="$key" PORT=$port HOST=127.0.0.1 BOOTSTRAP_ADMIN_TOKEN="$token" \
  JOBS_ENABLED=true node dist/src/main.js > "$work/service.log" 2>&1 &
pid=$!
api="http://127.0.0.1:$port/api/v1"
fail() { echo "smoke:prod FAILED: $*" >&2; tail -40 "$work/service.log" >&2; exit 1; }
started=$(date +%s)
until curl -sf "$api/health" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || fail "the service exited during start-up"
  [ $(( $(date +%s) - started )) -gt 90 ] && fail "no healthy answer within 90 s"
  sleep 0.5
done
echo "== healthy after $(( $(date +%s) - started )) s"

health=$(curl -sf "$api/health")
node -e "const h=JSON.parse(process.argv[1]); if (h.status!=='ok') { console.error(h); process.exit(1) }" "$health" \
  || fail "health is not ok: $health"
doc=$(curl -sf "http://127.0.0.1:$port/api/docs-json") || fail "no OpenAPI document"
node -e "const d=JSON.parse(process.argv[1]); const n=Object.keys(d.paths).length; if (!d.openapi || n<20) process.exit(1); console.log('== OpenAPI', d.openapi, n, 'paths')" "$doc" \
  || fail "the OpenAPI document is incomplete"
code=$(curl -s -o /dev/null -w '%{http_code}' "$api/postmortems")
[ "$code" = 401 ] || fail "an unauthenticated read answered $code, not 401"
created=$(curl -sf -X POST "$api/postmortems" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"Smoke: checkout timed out","incidentStart":"2026-03-04T14:02:00Z","severity":"SEV-2"}') \
  || fail "creating a postmortem failed"
id=$(node -e "console.log(JSON.parse(process.argv[1]).id)" "$created")
read_back=$(curl -sf "$api/postmortems/$id" -H "Authorization: Bearer $token") || fail "reading postmortem $id failed"
node -e "const p=JSON.parse(process.argv[1]); if (p.title!=='Smoke: checkout timed out') process.exit(1)" "$read_back" \
  || fail "the postmortem read back differs: $read_back"
echo "== round trip: postmortem $id created and read back"
grep -q "$token" "$work/service.log" && fail "the admin token appears in the log"

kill -TERM "$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
kill -0 "$pid" 2>/dev/null && fail "still running 10 s after SIGTERM"
set +e; wait "$pid"; status=$?; set -e
pid=""
[ "$status" = 0 ] || fail "exit status $status after SIGTERM"
echo "== SIGTERM: clean exit"
echo "smoke:prod passed"
