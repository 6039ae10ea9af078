import { AppError } from '@/lib/errors';
/** What a tenant resolver may look at: the provider name, the request headers (lower-case names) and the raw body. */
interface TenantResolutionContext {
  provider: string;
  headers: Record<string, string>;
  payload: string;
}

/** Derives the tenant of an incoming webhook; null when it cannot tell. May be synchronous or asynchronous. */
export interface TenantResolver {
  resolve(context: TenantResolutionContext): string | null | Promise<string | null>;
}

/**
 * Tenancy of the webhook layer. Disabled (the default when absent): no tenant is demanded and events
 * without one are stored under the null tenant. Enabled: every event must resolve to a tenant, else
 * TENANT_REQUIRED.
 */
export interface TenantConfig {
  enabled: boolean;
  resolver?: TenantResolver;
}

const TENANT_HEADER = 'x-tenant-id';

/** The tenant named by the `x-tenant-id` header, or null. */
export const headerTenantResolver: TenantResolver = {
  resolve: (context) => context.headers[TENANT_HEADER] ?? null,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The tenant named in the JSON body: top-level `tenant_id`, else `metadata.tenantId`. Null for a body
 * that is not a JSON object or names no tenant (a malformed body is reported later, by the parser of
 * the event itself). A non-string value is not a tenant id.
 */
export const payloadTenantResolver: TenantResolver = {
  resolve: (context) => {
    let body: unknown;
    try {
      body = JSON.parse(context.payload);
    } catch {
      return null;
    }
    if (!isRecord(body)) return null;
    if (typeof body.tenant_id === 'string') return body.tenant_id;
    if (isRecord(body.metadata) && typeof body.metadata.tenantId === 'string') return body.metadata.tenantId;
    return null;
  },
};

/** Asks each resolver in turn; the first answer that is not null wins. */
export function firstResolved(...resolvers: TenantResolver[]): TenantResolver {
  return {
    async resolve(context) {
      for (const resolver of resolvers) {
        const tenantId = await resolver.resolve(context);
        if (tenantId !== null && tenantId !== undefined) return tenantId;
      }
      return null;
    },
  };
}

/**
 * The signed payload names the tenant; the `x-tenant-id` header, which the signature does not cover,
 * is used only when the payload names none, and a header that contradicts the payload is refused —
 * otherwise a captured delivery could be re-sent within the signature window for another tenant.
 */
const signedPayloadFirstResolver: TenantResolver = {
  async resolve(context) {
    const fromPayload = await payloadTenantResolver.resolve(context);
    const fromHeader = await headerTenantResolver.resolve(context);
    if (fromPayload === null || fromPayload === undefined) return fromHeader;
    // An empty header is still rejected as an empty tenant id, as the seed asks.
    if (fromHeader !== null && fromHeader !== undefined && fromHeader.trim() === '') return fromHeader;
    if (fromHeader && fromHeader.trim().toLowerCase() !== fromPayload.trim().toLowerCase()) {
      throw new AppError('VALIDATION_FAILED', 'The x-tenant-id header does not match the tenant in the signed payload.');
    }
    return fromPayload;
  },
};

/** The platform's configuration: every payment webhook belongs to a tenant, never taken from the Host. */
export const platformWebhookConfig: TenantConfig = {
  enabled: true,
  resolver: signedPayloadFirstResolver,
};
