export function maxBytes(): number;
export function hostOfKey(key: string): string | null;
export default class RenderCacheHandler {
  constructor(options: unknown);
  get(key: string, context?: unknown): Promise<{ lastModified: number; value: unknown; cacheControl: unknown } | null>;
  set(key: string, value: unknown, context?: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
export function renderCacheStats(): { entries: number; bytes: number };
export function clearRenderCache(): void;
