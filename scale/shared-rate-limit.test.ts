/**
 * The per-shop rate limit holds across instances: two instances on one Redis (scale/support/cluster.ts,
 * no proxy), TENANT_RATE_LIMIT=1/20, one shop's requests sent alternately to each instance at once. The
 * shop gets one burst (plus what the rate refills meanwhile) in all, not one burst per instance.
 * Without Redis each instance has a bucket of its own: twice the burst gets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../bench/http';
import { startCluster, type Cluster } from './support/cluster';

const PER_SECOND = 1;
const BURST = 20;
const REQUESTS = 3 * BURST;
const CONCURRENCY = 8;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ name: 'rate-limit', proxy: false, tenantRateLimit: `${PER_SECOND}/${BURST}` });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('the per-shop rate limit across two instances', () => {
  it('admits one burst of a shop’s requests in all, whichever instance they reach', async () => {
    // Each instance has served a request (of another shop), so both talk to Redis already.
    for (const app of [cluster.a, cluster.b]) expect((await app.request({ host: 'acme.localhost', path: '/' })).status).toBe(200);
    const started = Date.now();
    let lastAdmittedAt = started;
    const answers: Array<{ instance: string; status: number }> = [];
    let next = 0;
    // A flood from a few connections at a time, alternately to each instance; a refusal is held a second.
    const sender = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const app = i % 2 === 0 ? cluster.a : cluster.b;
        // Same Host on both (the limit is per shop host, port aside), as a proxy in front would send it.
        const res: HttpResponse = await app.request({ host: 'atraxion.localhost', path: '/', timeoutMs: 30_000 });
        if (res.status === 200) lastAdmittedAt = Math.max(lastAdmittedAt, Date.now());
        answers.push({ instance: i % 2 === 0 ? 'a' : 'b', status: res.status });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    const statuses = new Set(answers.map((a) => a.status));
    expect(
      [...statuses].every((s) => s === 200 || s === 429),
      `statuses ${[...statuses].join(', ')}\n${cluster.diagnostics()}`,
    ).toBe(true);
    const admitted = answers.filter((a) => a.status === 200);
    // What the rate refilled while the requests were being admitted, rounded up, and one for the edge.
    const refilled = Math.ceil(((lastAdmittedAt - started) / 1000) * PER_SECOND) + 1;
    const byInstance = { a: admitted.filter((a) => a.instance === 'a').length, b: admitted.filter((a) => a.instance === 'b').length };
    expect(admitted.length, `admitted ${JSON.stringify(byInstance)} of ${REQUESTS}; at most ${BURST} + ${refilled} allowed`).toBeLessThanOrEqual(
      BURST + refilled,
    );
    // And the limit is not stricter than configured: the burst goes through.
    expect(admitted.length).toBeGreaterThanOrEqual(BURST);
  });
});
