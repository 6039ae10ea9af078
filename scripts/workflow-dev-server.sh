#!/usr/bin/env bash
# `npm run test:workflow:dev-server`: the browser suite, whose order flows (checkout, payment, shipping,
# refunds, the dashboard's actions) go through the order workflow, on the real Inngest Dev Server instead
# of the engine double. The optional `inngest-cli` package downloads its binary when it installs; where it
# could not, this says so in one line and runs the workflow suite on the double instead.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=node_modules/.bin/inngest-cli
if [ -x "$CLI" ] && "$CLI" version >/dev/null 2>&1; then
  E2E_ENGINE=inngest-dev-server exec npx playwright test "$@"
fi
echo "inngest-cli is not runnable here (its install downloads the binary): running the workflow suite on the engine double instead."
exec npx vitest run tests/order-workflow.test.ts tests/order-workflow-crash.test.ts tests/double-payment.test.ts tests/provider-faults.test.ts \
  tests/workflow-pools.test.ts tests/workflow-pool-fairness.test.ts tests/inngest-double-protocol.test.ts tests/inngest-double-scheduling.test.ts tests/inngest-executor.test.ts "$@"
