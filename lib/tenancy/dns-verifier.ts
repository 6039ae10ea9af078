import { resolveTxt } from 'node:dns/promises';

/** Reads DNS TXT records; behind an interface so tests answer for the DNS. */
export interface DnsVerifier {
  /** Each TXT record's strings joined; an empty list when the name has none or does not exist. */
  resolveTxt(name: string): Promise<string[]>;
}

const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA', 'ENOTIMP', 'ESERVFAIL', 'EREFUSED', 'ETIMEOUT']);

const systemDnsVerifier: DnsVerifier = {
  async resolveTxt(name) {
    try {
      return (await resolveTxt(name)).map((chunks) => chunks.join(''));
    } catch (error) {
      if (NO_RECORDS.has((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  },
};

let current: DnsVerifier = systemDnsVerifier;

export function getDnsVerifier(): DnsVerifier {
  return current;
}

/** Tests only: answer TXT look-ups from a double; `null` restores the system resolver. */
export function setDnsVerifier(verifier: DnsVerifier | null): void {
  current = verifier ?? systemDnsVerifier;
}
