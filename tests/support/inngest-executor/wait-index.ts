import type { RunState } from './run-driver';
import type { InngestTestEvent } from './types';

/**
 * Which open `waitForEvent`s an arriving event could resume, without evaluating every wait's `if`. Inngest
 * indexes pause expressions for the same reason (its aggregate expression engine): with 10,000 runs waiting
 * for a payment, each payment must not cost 10,000 evaluations.
 *
 * A wait is filed under its event name and, when its `if` is a chain of `&&` with parts that pin fields of
 * the incoming event to values, under those fields and values together:
 *   `async.data.tenantId == "t1" && async.data.orderId == "o1"` → `data.orderId`, `data.tenantId` = "o1", "t1"
 *   `event.data.orderId == async.data.orderId` → `data.orderId` = the run's own event's value (what `match` writes)
 * Any other `if` is filed under the name only and always checked. The index only narrows the candidates; the
 * caller still evaluates each candidate's full `if` with CEL, so a wait that matches is never missed.
 */

const PATH = String.raw`[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*`;
const LITERAL = String.raw`"(?:[^"\\]*)"|'(?:[^'\\]*)'|-?\d+(?:\.\d+)?`;
const PINNED_LITERAL = new RegExp(String.raw`^async\.(${PATH})\s*==\s*(${LITERAL})$|^(${LITERAL})\s*==\s*async\.(${PATH})$`);
const PINNED_EVENT = new RegExp(String.raw`^event\.(${PATH})\s*==\s*async\.(${PATH})$|^async\.(${PATH})\s*==\s*event\.(${PATH})$`);

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A value as the index compares it: strings and numbers only, since CEL `==` across other types is not plain. */
function indexValue(value: unknown): string | undefined {
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `n:${value}`;
  return undefined;
}

function literalValue(literal: string): string | undefined {
  if (literal.startsWith('"') || literal.startsWith("'")) return `s:${literal.slice(1, -1)}`;
  return indexValue(Number(literal));
}

function pinOf(part: string, runEvent: InngestTestEvent): { path: string; value: string } | undefined {
  const literal = PINNED_LITERAL.exec(part);
  if (literal) {
    const value = literalValue(literal[2] ?? literal[3]!);
    return value === undefined ? undefined : { path: literal[1] ?? literal[4]!, value };
  }
  const fromEvent = PINNED_EVENT.exec(part);
  if (fromEvent) {
    const value = indexValue(valueAt(runEvent, fromEvent[1] ?? fromEvent[4]!));
    return value === undefined ? undefined : { path: fromEvent[2] ?? fromEvent[3]!, value };
  }
  return undefined;
}

/**
 * The fields of the incoming event a wait's `if` pins, and the values they must have, sorted by path: every
 * part of a plain `&&` chain that compares an `async` field with a literal or the run's own event. Empty when
 * the `if` has `||`, `!` or a ternary (then no part is certainly required) or pins nothing.
 */
export function pinnedFields(condition: string | undefined, runEvent: InngestTestEvent): { path: string; value: string }[] {
  if (!condition || /\|\||\?|!(?!=)/.test(condition)) return [];
  const pins = condition.split('&&').flatMap((part) => pinOf(part.trim(), runEvent) ?? []);
  const byPath = new Map(pins.map((pin) => [pin.path, pin]));
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

interface NameBucket {
  /** Waits whose `if` pins nothing: checked for every event of the name. */
  scan: Set<RunState>;
  /** The pinned paths (joined) → their values (joined) → waits: one lookup per distinct set of paths. */
  pinned: Map<string, Map<string, Set<RunState>>>;
}

const SEPARATOR = '\u0000';

export class WaitIndex {
  private readonly byName = new Map<string, NameBucket>();
  /** Where each run is filed, to take it out again. */
  private readonly filed = new Map<RunState, Set<RunState>[]>();

  private bucket(name: string): NameBucket {
    let bucket = this.byName.get(name);
    if (!bucket) this.byName.set(name, (bucket = { scan: new Set(), pinned: new Map() }));
    return bucket;
  }

  /** Files a run under its open event waits (none when it has finished); replaces where it was filed before. */
  file(state: RunState, live: boolean): void {
    this.remove(state);
    if (!live) return;
    const sets: Set<RunState>[] = [];
    for (const wait of state.waits.values()) {
      if (wait.kind !== 'event' || !wait.event) continue;
      // Wildcard names (`shop/*`) go under `*`, checked for every event.
      const bucket = this.bucket(wait.event.endsWith('*') ? '*' : wait.event);
      const pins = pinnedFields(wait.if, state.run.event);
      let set = bucket.scan;
      if (pins.length) {
        const paths = pins.map((pin) => pin.path).join(SEPARATOR);
        const key = pins.map((pin) => pin.value).join(SEPARATOR);
        let values = bucket.pinned.get(paths);
        if (!values) bucket.pinned.set(paths, (values = new Map()));
        set = values.get(key) ?? new Set();
        values.set(key, set);
      }
      set.add(state);
      sets.push(set);
    }
    if (sets.length) this.filed.set(state, sets);
  }

  private remove(state: RunState): void {
    for (const set of this.filed.get(state) ?? []) set.delete(state);
    this.filed.delete(state);
  }

  /** The runs whose open waits could take this event. */
  candidates(event: InngestTestEvent): RunState[] {
    const found = new Set<RunState>();
    for (const bucket of [this.byName.get(event.name), this.byName.get('*')]) {
      if (!bucket) continue;
      for (const state of bucket.scan) found.add(state);
      for (const [paths, values] of bucket.pinned) {
        const key = paths.split(SEPARATOR).map((path) => indexValue(valueAt(event, path)));
        if (key.includes(undefined)) continue;
        for (const state of values.get(key.join(SEPARATOR)) ?? []) found.add(state);
      }
    }
    return [...found];
  }

  clear(): void {
    this.byName.clear();
    this.filed.clear();
  }
}
