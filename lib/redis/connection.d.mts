import type { RedisClientType } from 'redis';
export type RedisLogger = (event: string, fields: Record<string, unknown>) => void;
export function sharedRedis(options?: { onError?: RedisLogger; env?: NodeJS.ProcessEnv }): RedisClientType | null;
export function closeSharedRedis(): Promise<void>;
export function whenReady(client: RedisClientType, ms: number): Promise<boolean>;
