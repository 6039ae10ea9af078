export function maxBytes(): number;
type Hit = { lastModified: number; value: unknown; cacheControl: unknown } | null;
export class RenderCacheStore {
  constructor();
  get(key: string, context?: unknown): Promise<Hit>;
  set(key: string, value: unknown, context?: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): void;
  stats(): { entries: number; live: number; bytes: number };
  clear(): void;
}
export default class RenderCacheHandler {
  constructor(options?: { store?: RenderCacheStore } | unknown);
  get(key: string, context?: unknown): Promise<Hit>;
  set(key: string, value: unknown, context?: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
export function renderCacheStats(): { entries: number; live: number; bytes: number };
export function clearRenderCache(): void;
