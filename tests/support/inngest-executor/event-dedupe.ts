/**
 * Event-id idempotency as Inngest keeps it: a function run's idempotency key, derived from the event id,
 * lives for `consts.FunctionIdempotencyPeriod` (24 h). Within that window an event with a known id is
 * acknowledged and dropped; once it has passed, the same id is a new event (an outbox row re-sent a day later
 * starts a second run in production too).
 */
const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1_000;

export class EventDedupe {
  private readonly seenAt = new Map<string, number>();

  /** True when the event should be taken: its id is new, or was last taken 24 h or more ago. */
  admit(id: string, now: number): boolean {
    const seen = this.seenAt.get(id);
    if (seen !== undefined && now - seen < DEDUPE_WINDOW_MS) return false;
    this.seenAt.set(id, now);
    return true;
  }

  clear(): void {
    this.seenAt.clear();
  }
}
