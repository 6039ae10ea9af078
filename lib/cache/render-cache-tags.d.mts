export function pageTags(tenantId: string, stamp: string | undefined): string[];
export function readPageTags(tags: readonly string[] | undefined): { tenantId?: string; stamp?: string };
export function isTagCarrier(tags: unknown): boolean;
