import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkWithRegistry, vatRegistryFromEnv, ViesRestRegistry, VIES_REST_ENDPOINT, type VatRegistry } from './vat-registry';

const belgian = { vatPrefix: 'BE', number: '0417497106' };

const registryAnswering = (verdict: 'valid' | 'invalid'): VatRegistry => ({ lookup: async () => verdict });

describe('checkWithRegistry', () => {
  it('does not check without a registry', async () => {
    expect(await checkWithRegistry(null, belgian)).toBe('not_checked');
  });

  it('passes the registry verdict through', async () => {
    expect(await checkWithRegistry(registryAnswering('valid'), belgian)).toBe('valid');
    expect(await checkWithRegistry(registryAnswering('invalid'), belgian)).toBe('invalid');
  });

  it('treats a thrown error as unavailable, never as invalid', async () => {
    const failing: VatRegistry = {
      lookup: async () => {
        throw new Error('connection reset');
      },
    };
    expect(await checkWithRegistry(failing, belgian)).toBe('unavailable');
  });

  it('treats a synchronous throw and a nonsense answer as unavailable', async () => {
    const throwsAtOnce = {
      lookup: () => {
        throw new Error('boom');
      },
    } as unknown as VatRegistry;
    const nonsense = { lookup: async () => 'maybe' } as unknown as VatRegistry;
    expect(await checkWithRegistry(throwsAtOnce, belgian)).toBe('unavailable');
    expect(await checkWithRegistry(nonsense, belgian)).toBe('unavailable');
  });

  it('gives up after the timeout and aborts the look-up', async () => {
    let signal: AbortSignal | undefined;
    const slow: VatRegistry = {
      lookup: (_vat, s) => {
        signal = s;
        return new Promise(() => {});
      },
    };
    const started = Date.now();
    expect(await checkWithRegistry(slow, belgian, { timeoutMs: 50 })).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(signal?.aborted).toBe(true);
  });

  it('clears its timer once the registry has answered', async () => {
    vi.useFakeTimers();
    try {
      expect(await checkWithRegistry(registryAnswering('valid'), belgian)).toBe('valid');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes the query through unchanged', async () => {
    const lookup = vi.fn(async () => 'valid' as const);
    await checkWithRegistry({ lookup }, { vatPrefix: 'EL', number: '094259216' });
    expect(lookup).toHaveBeenCalledWith({ vatPrefix: 'EL', number: '094259216' }, expect.any(AbortSignal));
  });
});

describe('ViesRestRegistry against a local server', () => {
  type Reply = { status: number; body: string; delayMs?: number };
  let server: Server;
  let endpoint: string;
  let reply: Reply;
  let requests: Array<{ method?: string; contentType?: string; body: unknown }>;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests.push({
          method: req.method,
          contentType: req.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
        });
        const send = () => res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/check-vat-number`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    requests = [];
    reply = { status: 200, body: '{}' };
  });

  const viesAnswers = (body: unknown, status = 200) => {
    reply = { status, body: JSON.stringify(body) };
  };

  it('posts the prefix and number as JSON', async () => {
    viesAnswers({ countryCode: 'EL', vatNumber: '094259216', valid: true, userError: 'VALID' });
    expect(await new ViesRestRegistry({ endpoint }).lookup({ vatPrefix: 'EL', number: '094259216' })).toBe('valid');
    expect(requests).toEqual([{ method: 'POST', contentType: 'application/json', body: { countryCode: 'EL', vatNumber: '094259216' } }]);
  });

  it('maps valid and invalid', async () => {
    const registry = new ViesRestRegistry({ endpoint });
    viesAnswers({ valid: true, userError: 'VALID' });
    expect(await checkWithRegistry(registry, belgian)).toBe('valid');
    viesAnswers({ valid: false, userError: 'INVALID' });
    expect(await checkWithRegistry(registry, belgian)).toBe('invalid');
    viesAnswers({ valid: false });
    expect(await checkWithRegistry(registry, belgian)).toBe('invalid');
  });

  it.each(['MS_UNAVAILABLE', 'TIMEOUT', 'SERVICE_UNAVAILABLE', 'MS_MAX_CONCURRENT_REQ', 'GLOBAL_MAX_CONCURRENT_REQ'])(
    'treats userError %s as an outage',
    async (userError) => {
      viesAnswers({ valid: false, userError });
      const registry = new ViesRestRegistry({ endpoint });
      await expect(registry.lookup(belgian)).rejects.toThrow(userError);
      expect(await checkWithRegistry(registry, belgian)).toBe('unavailable');
    },
  );

  it('treats HTTP errors, error envelopes and non-JSON answers as an outage', async () => {
    const registry = new ViesRestRegistry({ endpoint });
    viesAnswers({ actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] }, 500);
    expect(await checkWithRegistry(registry, belgian)).toBe('unavailable');
    viesAnswers({ actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] });
    expect(await checkWithRegistry(registry, belgian)).toBe('unavailable');
    reply = { status: 200, body: '<html>maintenance</html>' };
    expect(await checkWithRegistry(registry, belgian)).toBe('unavailable');
    viesAnswers({ countryCode: 'BE' });
    expect(await checkWithRegistry(registry, belgian)).toBe('unavailable');
  });

  it('is unavailable when the server is slower than the timeout', async () => {
    reply = { status: 200, body: JSON.stringify({ valid: true }), delayMs: 500 };
    expect(await checkWithRegistry(new ViesRestRegistry({ endpoint }), belgian, { timeoutMs: 50 })).toBe('unavailable');
  });

  it('is unavailable when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const registry = new ViesRestRegistry({ endpoint: `http://127.0.0.1:${port}/` });
    expect(await checkWithRegistry(registry, belgian)).toBe('unavailable');
  });

  it('uses an injected fetch', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ valid: true }), { status: 200 }));
    const registry = new ViesRestRegistry({ fetchImpl });
    expect(await registry.lookup(belgian)).toBe('valid');
    expect(fetchImpl).toHaveBeenCalledWith(VIES_REST_ENDPOINT, expect.objectContaining({ method: 'POST' }));
  });
});

describe('vatRegistryFromEnv', () => {
  it('is off unless VIES_ENABLED is 1', () => {
    expect(vatRegistryFromEnv({})).toBeNull();
    expect(vatRegistryFromEnv({ VIES_ENABLED: '0' })).toBeNull();
    expect(vatRegistryFromEnv({ VIES_ENABLED: 'true' })).toBeNull();
  });

  it('builds a VIES registry, optionally with another endpoint', async () => {
    expect(vatRegistryFromEnv({ VIES_ENABLED: '1' })).toBeInstanceOf(ViesRestRegistry);
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ valid: false })));
    try {
      const registry = vatRegistryFromEnv({ VIES_ENABLED: '1', VIES_ENDPOINT: 'http://127.0.0.1:9/vies' });
      expect(await registry?.lookup(belgian)).toBe('invalid');
      expect(fetchSpy).toHaveBeenCalledWith('http://127.0.0.1:9/vies', expect.anything());
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
