#!/usr/bin/env bash
# Serves the production build on a fresh embedded database seeded with the demo data, for Playwright,
# with a local email capture server standing in for Resend.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${E2E_PORT:-3100}"
MAIL_PORT="${E2E_MAIL_PORT:-3199}"
INNGEST_PORT="${E2E_INNGEST_PORT:-3198}"
# The default port keeps the usual paths; a run on another port (several at once on one machine) gets
# its own database and build directory.
SUFFIX=""
if [ "$PORT" != "3100" ]; then SUFFIX="-$PORT"; fi
export DATABASE_URL="pglite://.data/e2e$SUFFIX"
export NEXT_DIST_DIR=".next$SUFFIX"
export PLATFORM_ROOT_DOMAIN="localhost"
# Links in emails follow the port `next start -p` serves on (PORT), under the localhost root: no
# PUBLIC_URL_SCHEME or PUBLIC_PORT here, so the e2e suite proves that default.
unset PUBLIC_URL_SCHEME PUBLIC_PORT
export AUTH_SECRET="${AUTH_SECRET:-e2e-only-secret-$(date +%s)-$RANDOM}"
export PAYMENT_SANDBOX_WEBHOOK_SECRET="${PAYMENT_SANDBOX_WEBHOOK_SECRET:-e2e-sandbox-secret-$RANDOM$RANDOM}"
# Emails go through the real Resend SDK to the capture server; the tests read them at /messages.
export E2E_MAIL_PORT="$MAIL_PORT"
export RESEND_API_KEY="re_e2e_test" RESEND_BASE_URL="http://127.0.0.1:$MAIL_PORT" EMAIL_DOMAIN="storefleet.test"
unset VIES_ENABLED
# The render cache tells the tests how full it is (GET /api/render-cache).
export RENDER_CACHE_STATS=1
# The order workflow runs on the test executor (tests/support/inngest-executor), which plays the Inngest
# engine in real time: the app publishes its outbox there and the executor calls /api/inngest back.
export INNGEST_DEV=1 INNGEST_BASE_URL="http://127.0.0.1:$INNGEST_PORT"
unset INNGEST_EVENT_KEY INNGEST_SIGNING_KEY INNGEST_API_BASE_URL INNGEST_EVENT_API_BASE_URL

MAIL_PID="" NEXT_PID="" ENGINE_PID=""
stop_children() {
  trap - EXIT INT TERM HUP
  for pid in $NEXT_PID $ENGINE_PID $MAIL_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Playwright stops this server by killing its whole process group, which takes these children too;
# the trap covers a plain Ctrl-C or kill, and the capture server also exits when this shell is gone.
trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

rm -rf ".data/e2e$SUFFIX" ".data/e2e$SUFFIX--"*
# One process (no tsx wrapper), so that its parent is this shell and a kill reaches the server itself.
node --import tsx tests/support/email-capture-cli.ts &
MAIL_PID=$!
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$MAIL_PORT") 2>/dev/null; then break; fi
  if ! kill -0 "$MAIL_PID" 2>/dev/null; then echo "email capture server failed to start" >&2; exit 1; fi
  sleep 0.2
done

npx tsx --import ./scripts/server-only-hook.mjs db/setup.ts --articles "${E2E_ARTICLES:-1500}"
if [ "${E2E_ENGINE:-double}" = "inngest-dev-server" ]; then
  # The real Inngest Dev Server (npm run test:workflow:dev-server, where inngest-cli is installed): it
  # syncs every pool's endpoint as soon as the app answers, and runs the workflow in real time.
  node_modules/.bin/inngest-cli dev --no-discovery --port "$INNGEST_PORT" \
    -u "http://localhost:$PORT/api/inngest" -u "http://localhost:$PORT/api/inngest/premium" &
else
  # Registers with the app as soon as it answers (it retries until then).
  node --import tsx tests/support/inngest-executor-cli.ts --port "$INNGEST_PORT" --app "http://localhost:$PORT/api/inngest" &
fi
ENGINE_PID=$!
if [ -z "${E2E_SKIP_BUILD:-}" ]; then npx next build; fi
# In the background and waited for (not exec), so the traps above still run when next stops.
node node_modules/next/dist/bin/next start -p "$PORT" &
NEXT_PID=$!
wait "$NEXT_PID"
