import { parse, ParseError } from '@marcbachmann/cel-js';

/**
 * Inngest's expressions are CEL (Common Expression Language): trigger and `waitForEvent` `if` clauses
 * (`event.data.x == async.data.x`, `&&`, `||`, `!`, comparisons, literals), concurrency keys
 * (`event.data.tenantId`) and `priority.run` (`event.data.plan == 'premium' ? 120 : 0`). They are evaluated
 * here by a maintained CEL implementation, `@marcbachmann/cel-js`, instead of a hand-written subset.
 *
 * In a scope, `event` is the run's triggering event and, in a wait's `if`, `async` the candidate event.
 * A field that is not there is an evaluation error in CEL; Inngest treats a condition that errors as not
 * matching, so `evaluateExpression` answers false (CEL's own `||`/`&&` error absorption still applies:
 * `true || event.data.missing == 1` is true).
 */

export type ExpressionScope = Record<string, unknown>;

/** An expression CEL cannot parse; Inngest refuses such a function or step at registration or when it is sent. */
export class UnsupportedExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid Inngest (CEL) expression ${JSON.stringify(expression)}: ${reason}`);
    this.name = 'UnsupportedExpressionError';
  }
}

type Compiled = ReturnType<typeof parse>;

/** Parsed once per distinct expression: a flood of runs evaluates the same few keys and priorities. */
const compiled = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  let program = compiled.get(expression);
  if (program) return program;
  if (!expression.trim()) throw new UnsupportedExpressionError(expression, 'it is empty');
  try {
    program = parse(expression);
  } catch (error) {
    if (error instanceof ParseError) throw new UnsupportedExpressionError(expression, error.message.split('\n')[0] ?? 'parse error');
    throw error;
  }
  compiled.set(expression, program);
  return program;
}

/** Checks an expression's syntax up front, so a bad `if` fails where it is declared rather than when an event arrives. */
export function assertSupportedExpression(expression: string): void {
  compile(expression);
}

/**
 * The expression's value as CEL computes it, with CEL ints (BigInt) turned into JS numbers; `undefined` when
 * evaluation errors (a missing field, a type mismatch), which is how Inngest's evaluator reports "no value".
 */
export function evaluateValue(expression: string, scope: ExpressionScope): unknown {
  const program = compile(expression);
  try {
    const value: unknown = program(scope);
    return typeof value === 'bigint' ? Number(value) : value;
  } catch {
    return undefined;
  }
}

/** True only when the expression evaluates to `true`; an error or a non-boolean result does not match. */
export function evaluateExpression(expression: string, scope: ExpressionScope): boolean {
  return evaluateValue(expression, scope) === true;
}
