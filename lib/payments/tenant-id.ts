/**
 * Thrown for an empty or whitespace-only tenant id. A TypeError (a programming or input error, not a
 * missing tenant); its own class so the webhook route can answer it with a 400 without turning every
 * other TypeError into a client error.
 */
export class EmptyTenantIdError extends TypeError {
  constructor() {
    super('Tenant id cannot be empty');
    this.name = 'EmptyTenantIdError';
  }
}

/** An immutable, non-empty tenant id. Surrounding whitespace is not part of the id. */
export class TenantId {
  private constructor(private readonly value: string) {
    Object.freeze(this);
  }

  static of(value: string): TenantId {
    const normalized = value.trim();
    if (normalized.length === 0) throw new EmptyTenantIdError();
    return new TenantId(normalized);
  }

  toString(): string {
    return this.value;
  }

  equals(other: TenantId): boolean {
    return this.value === other.value;
  }
}

/**
 * Null-aware tenant comparison. Platform tenant ids are UUIDs, which PostgreSQL compares without regard
 * to case, so the comparison does too: a stored `…ab` and a requested `…AB` are the same tenant.
 */
export function sameTenant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a.toLowerCase() === b.toLowerCase();
}
