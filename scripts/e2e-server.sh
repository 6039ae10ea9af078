#!/usr/bin/env bash
# Serves the production build on a fresh embedded database seeded with the demo data, for Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${E2E_PORT:-3100}"
export DATABASE_URL="pglite://.data/e2e"
export PLATFORM_ROOT_DOMAIN="localhost"
# Links in emails point at the shops as served here.
export PUBLIC_URL_SCHEME="http" PUBLIC_PORT="$PORT"
export AUTH_SECRET="${AUTH_SECRET:-e2e-only-secret-$(date +%s)-$RANDOM}"
rm -rf .data/e2e .data/e2e--*
npx tsx db/setup.ts --articles "${E2E_ARTICLES:-1500}"
if [ -z "${E2E_SKIP_BUILD:-}" ]; then npx next build; fi
exec npx next start -p "$PORT"
