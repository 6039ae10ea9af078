import { describe, expect, it } from 'vitest';
import { refuseWorkflowRequest } from './serve-guard';
import { workflowServeOrigin } from './serve-origin';

describe('workflow serve origin', () => {
  it('is the platform root domain as the public reaches it, from configuration only', () => {
    expect(workflowServeOrigin({ NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu' })).toBe('https://storefleet.eu');
    expect(workflowServeOrigin({ NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'localhost', PUBLIC_URL_SCHEME: 'http', PUBLIC_PORT: '3110' })).toBe(
      'http://localhost:3110',
    );
  });

  it('takes INNGEST_SERVE_ORIGIN first, as an origin (no path, no query)', () => {
    expect(workflowServeOrigin({ PLATFORM_ROOT_DOMAIN: 'storefleet.eu', INNGEST_SERVE_ORIGIN: 'http://app.internal:3000/x?y=1' })).toBe(
      'http://app.internal:3000',
    );
  });

  it('is undefined for an INNGEST_SERVE_ORIGIN that is no http(s) origin, and the endpoint then says so', () => {
    for (const bad of ['not a url', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(workflowServeOrigin({ INNGEST_SERVE_ORIGIN: bad }), bad).toBeUndefined();
    }
    const refusal = refuseWorkflowRequest(new Request('http://x/api/inngest'), { mode: 'dev', signingKey: undefined, serveOrigin: undefined });
    expect(refusal?.code).toBe('WORKFLOW_NOT_CONFIGURED');
  });
});
