import { assertSupportedExpression } from '../inngest-expression';
import { parseConcurrency } from './concurrency';
import type { InngestTrigger, RegisteredInngestFunction } from './types';

/** Inngest's default when a function sets no `retries` (inngest-js `defaultMaxRetries`): 3 retries, 4 attempts. */
const DEFAULT_RETRIES = 3;

interface FunctionConfig {
  id?: unknown;
  name?: unknown;
  triggers?: unknown;
  steps?: Record<string, { runtime?: { url?: unknown }; retries?: { attempts?: unknown } }>;
  concurrency?: unknown;
  priority?: unknown;
}

function parseTriggers(raw: unknown, fnId: string): InngestTrigger[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((trigger: Record<string, unknown>) => {
    const parsed: InngestTrigger = {};
    if (typeof trigger.event === 'string') parsed.event = trigger.event;
    if (typeof trigger.cron === 'string') parsed.cron = trigger.cron;
    if (typeof trigger.expression === 'string' && trigger.expression) {
      try {
        assertSupportedExpression(trigger.expression);
      } catch (error) {
        throw new Error(`Function "${fnId}": ${(error as Error).message}`);
      }
      parsed.expression = trigger.expression;
    }
    return parsed;
  });
}

/** Refuses, as Inngest's sync does, concurrency and priority settings it could not honour. */
function checkScheduling(config: FunctionConfig): void {
  const id = String(config.id);
  try {
    for (const limit of parseConcurrency(config.concurrency, id)) if (limit.key) assertSupportedExpression(limit.key);
    const run = (config.priority as { run?: unknown } | undefined)?.run;
    if (typeof run === 'string' && run) assertSupportedExpression(run);
  } catch (error) {
    throw new Error(`Function "${id}": ${(error as Error).message.replace(`Function "${id}": `, '')}`);
  }
}

/** Reads the body the SDK posts to `/fn/register` (its `registerBody()`): one config per function and per `onFailure`. */
export function parseRegistration(body: unknown): RegisteredInngestFunction[] {
  const { appName, functions } = (body ?? {}) as { appName?: unknown; functions?: unknown };
  if (typeof appName !== 'string' || !Array.isArray(functions)) throw new Error('Registration body has no appName/functions');
  return functions.map((config: FunctionConfig) => {
    if (typeof config.id !== 'string') throw new Error('Registered function has no id');
    const step = config.steps?.step;
    const url = step?.runtime?.url;
    if (typeof url !== 'string') throw new Error(`Function "${config.id}" has no step URL`);
    const attempts = step?.retries?.attempts;
    const prefix = `${appName}-`;
    checkScheduling(config);
    return {
      appId: appName,
      fullId: config.id,
      id: config.id.startsWith(prefix) ? config.id.slice(prefix.length) : config.id,
      name: typeof config.name === 'string' ? config.name : config.id,
      triggers: parseTriggers(config.triggers, config.id),
      stepUrl: url,
      retries: typeof attempts === 'number' ? attempts : DEFAULT_RETRIES,
      concurrency: config.concurrency,
      priority: config.priority,
      config: config as Record<string, unknown>,
    };
  });
}

/** Event names match exactly, or by a trailing `*` wildcard (`shop/*`), as Inngest triggers allow. */
export function eventNameMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}
