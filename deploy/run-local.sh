#!/usr/bin/env bash
# Runs Tally scaled out on one machine: a Redis, NODES Tally nodes (default 2) and nginx in front,
# all on 127.0.0.1, then prints the one address to open. Ctrl-C (or SIGTERM) stops everything
# this script started, by PID.
#
#   deploy/run-local.sh                          # Redis on a free port, 2 nodes, nginx on a free port
#   NODES=3 LISTEN_PORT=8080 deploy/run-local.sh
#   REDIS_URL=redis://127.0.0.1:6380 deploy/run-local.sh   # use a Redis you run yourself
#   MAX_CLIENTS=2000 deploy/run-local.sh                    # size nginx for fewer clients (default 10,000)
#
# Other settings are passed on to every node (REDIS_WAITAOF, ADMIN_KEY, LOG_LEVEL, …).
# Needs: node, redis-server (unless REDIS_URL), nginx, and a build (`pnpm build`; run here when missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODES="${NODES:-2}"
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tally-local-XXXXXX")"
PIDS=()

cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for_http() { # url, what
  for _ in $(seq 1 100); do
    if node -e "fetch('$1').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then return 0; fi
    sleep 0.1
  done
  echo "$2 did not answer on $1" >&2
  exit 1
}

if [[ ! -f "$ROOT/apps/server/dist/main.js" ]]; then
  echo "building (no apps/server/dist/main.js yet)…"
  (cd "$ROOT" && pnpm build)
fi

if [[ -z "${REDIS_URL:-}" ]]; then
  REDIS_PORT="$(free_port)"
  mkdir -p "$RUN_DIR/redis"
  # appendfsync always: a write is on disk before Redis answers it, so an ack means durable.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN_DIR/redis" --save '' \
    --appendonly yes --appendfsync always --logfile "$RUN_DIR/redis.log" &
  PIDS+=($!)
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
export REDIS_URL

LISTEN_PORT="${LISTEN_PORT:-$(free_port)}"
PUBLIC_URL="http://127.0.0.1:$LISTEN_PORT"
NODE_ARGS=()
NODE_LIST=()
for i in $(seq 1 "$NODES"); do
  port="$(free_port)"
  # TRUST_PROXY: the client address comes from nginx's X-Forwarded-For (per-client HTTP rate limits).
  HOST=127.0.0.1 PORT="$port" NODE_ID="node$i" PUBLIC_URL="$PUBLIC_URL" ALLOWED_ORIGINS="${ALLOWED_ORIGINS:-$PUBLIC_URL}" \
    TRUST_PROXY="${TRUST_PROXY:-127.0.0.1}" DATA_DIR="$RUN_DIR/node$i" \
    node "$ROOT/apps/server/dist/main.js" >"$RUN_DIR/node$i.log" 2>&1 &
  PIDS+=($!)
  NODE_ARGS+=(--node "node$i=127.0.0.1:$port")
  NODE_LIST+=("node$i=127.0.0.1:$port")
  wait_for_http "http://127.0.0.1:$port/api/ready" "node$i (log: $RUN_DIR/node$i.log)"
done

mkdir -p "$RUN_DIR/nginx/tmp"
node "$ROOT/deploy/render-nginx-conf.mjs" --listen "127.0.0.1:$LISTEN_PORT" "${NODE_ARGS[@]}" \
  --max-clients "${MAX_CLIENTS:-10000}" >"$RUN_DIR/nginx/nginx.conf"
nginx -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_for_http "$PUBLIC_URL/api/health" "nginx"

echo "Tally on $PUBLIC_URL"
echo "  nodes: ${NODE_LIST[*]}"
echo "  redis: $REDIS_URL"
echo "  logs:  $RUN_DIR"
echo "Ctrl-C stops it."
wait -n "${PIDS[@]}"
echo "a process exited; stopping the rest" >&2
exit 1
