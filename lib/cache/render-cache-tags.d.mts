export const TENANT_TAG_PREFIX: string;
export const STAMP_TAG_PREFIX: string;
export function pageTags(tenantId: string, stamp: string | undefined): string[];
export function readPageTags(tags: readonly string[] | undefined): { tenantId?: string; stamp?: string };
export function isTagCarrier(tags: unknown): boolean;
