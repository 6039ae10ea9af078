/**
 * The optional VIES look-up. VIES is slow and often partly down (each member state answers for itself), so
 * the registry only ever adds information: an outage or a timeout becomes 'unavailable', which sends the
 * account to manual review instead of approving or rejecting it.
 */

export type VatRegistryQuery = { vatPrefix: string; number: string };

export type RegistryCheck = 'valid' | 'invalid' | 'unavailable' | 'not_checked';

export interface VatRegistry {
  /** Resolves with the registry's verdict; throws when the registry cannot give one. */
  lookup(vat: VatRegistryQuery, signal?: AbortSignal): Promise<'valid' | 'invalid'>;
}

class VatRegistryUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VatRegistryUnavailableError';
  }
}

const DEFAULT_REGISTRY_TIMEOUT_MS = 4000;

/** Never throws and never turns a failure into 'invalid': a customer must not be refused because VIES is down. */
export async function checkWithRegistry(
  registry: VatRegistry | null,
  vat: VatRegistryQuery,
  { timeoutMs = DEFAULT_REGISTRY_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<RegistryCheck> {
  if (!registry) return 'not_checked';
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race, not only the abort signal, enforces the deadline: a registry that ignores its signal must not
  // keep a registration request waiting.
  const deadline = new Promise<'unavailable'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new VatRegistryUnavailableError(`VAT registry did not answer within ${timeoutMs} ms`));
      resolve('unavailable');
    }, timeoutMs);
  });
  try {
    return await Promise.race([askRegistry(registry, vat, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function askRegistry(registry: VatRegistry, vat: VatRegistryQuery, signal: AbortSignal): Promise<RegistryCheck> {
  try {
    const verdict = await registry.lookup(vat, signal);
    return verdict === 'valid' || verdict === 'invalid' ? verdict : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

export const VIES_REST_ENDPOINT = 'https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number';

// VIES answers "the number is (not) registered" with these; every other userError is about VIES itself
// (MS_UNAVAILABLE, TIMEOUT, SERVICE_UNAVAILABLE, MS_MAX_CONCURRENT_REQ, INVALID_INPUT, ...).
const VERDICT_USER_ERRORS = new Set(['VALID', 'INVALID']);

type ViesResponse = {
  valid?: unknown;
  isValid?: unknown;
  userError?: unknown;
  actionSucceed?: unknown;
  errorWrappers?: unknown;
};

export class ViesRestRegistry implements VatRegistry {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;

  constructor({ endpoint = VIES_REST_ENDPOINT, fetchImpl }: { endpoint?: string; fetchImpl?: typeof fetch } = {}) {
    this.endpoint = endpoint;
    // Looked up per call when not injected, so tests that stub the global fetch are honoured.
    this.fetchImpl = fetchImpl ?? ((input, init) => fetch(input, init));
  }

  async lookup(vat: VatRegistryQuery, signal?: AbortSignal): Promise<'valid' | 'invalid'> {
    const response = await this.fetchImpl(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ countryCode: vat.vatPrefix, vatNumber: vat.number }),
      signal,
    });
    if (!response.ok) throw new VatRegistryUnavailableError(`VIES answered HTTP ${response.status}`);
    const body = (await response.json().catch((cause: unknown) => {
      throw new VatRegistryUnavailableError('VIES answered with something other than JSON', { cause });
    })) as unknown;
    return verdictOf(body);
  }
}

function verdictOf(body: unknown): 'valid' | 'invalid' {
  if (typeof body !== 'object' || body === null) throw new VatRegistryUnavailableError('VIES answered without a body');
  const { valid, isValid, userError, actionSucceed, errorWrappers } = body as ViesResponse;
  if (actionSucceed === false || errorWrappers !== undefined) {
    throw new VatRegistryUnavailableError('VIES reported an error');
  }
  if (userError !== undefined && !(typeof userError === 'string' && VERDICT_USER_ERRORS.has(userError))) {
    throw new VatRegistryUnavailableError(`VIES reported ${String(userError)}`);
  }
  const verdict = typeof valid === 'boolean' ? valid : isValid;
  if (typeof verdict !== 'boolean') throw new VatRegistryUnavailableError('VIES answered without a verdict');
  return verdict ? 'valid' : 'invalid';
}

/** VIES is opt-in: without VIES_ENABLED=1 registrations rely on the offline check alone. */
export function vatRegistryFromEnv(env: Record<string, string | undefined> = process.env): VatRegistry | null {
  if (env.VIES_ENABLED !== '1') return null;
  const endpoint = env.VIES_ENDPOINT?.trim();
  return new ViesRestRegistry(endpoint ? { endpoint } : {});
}
