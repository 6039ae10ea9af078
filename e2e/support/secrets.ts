/**
 * The secrets the browser-test server runs with: fixed per port, so the tests can check that none of
 * them ever reaches a browser (the server script only invents its own when these are not passed).
 */
export function e2eSecrets(port: number) {
  return {
    AUTH_SECRET: `e2e-auth-secret-${port}-7d1f0c9a4b2e`,
    PAYMENT_SANDBOX_WEBHOOK_SECRET: `e2e-sandbox-webhook-secret-${port}-3c8e5a1f`,
  };
}
