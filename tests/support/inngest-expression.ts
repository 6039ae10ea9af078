/**
 * The subset of Inngest's CEL expressions that the SDK itself writes: `waitForEvent({ match })` becomes
 * `event.data.x == async.data.x`, `onFailure` triggers become `event.data.function_id == '<id>'`, and
 * hand-written `if` clauses in this codebase compare a path with a literal. Anything outside that subset
 * throws, so a test never passes because an expression was silently misread.
 *
 *   expression := comparison ( '&&' comparison )*
 *   comparison := operand ( '==' | '!=' ) operand
 *   operand    := path | 'string' | "string" | number | true | false | null
 *   path       := identifier ( '.' identifier )*
 */

export type ExpressionScope = Record<string, unknown>;

export class UnsupportedExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Unsupported Inngest expression ${JSON.stringify(expression)}: ${reason}. The test executor understands only path/literal comparisons with == or != joined by &&.`);
    this.name = 'UnsupportedExpressionError';
  }
}

type Token =
  | { kind: 'path'; segments: string[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'op'; value: '==' | '!=' | '&&' };

type Operand = Extract<Token, { kind: 'path' | 'literal' }>;

interface Comparison {
  left: Operand;
  op: '==' | '!=';
  right: Operand;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/;
const NUMBER = /^-?\d+(\.\d+)?/;

function readString(source: string, start: number, expression: string): { value: string; end: number } {
  const quote = source[start];
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      value += source[i + 1] ?? '';
      i++;
    } else if (char === quote) {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw new UnsupportedExpressionError(expression, 'unterminated string literal');
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const rest = expression.slice(i);
    const char = expression[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (rest.startsWith('==') || rest.startsWith('!=') || rest.startsWith('&&')) {
      tokens.push({ kind: 'op', value: rest.slice(0, 2) as '==' | '!=' | '&&' });
      i += 2;
    } else if (char === '"' || char === "'") {
      const { value, end } = readString(expression, i, expression);
      tokens.push({ kind: 'literal', value });
      i = end;
    } else if (NUMBER.test(rest)) {
      const match = NUMBER.exec(rest)![0];
      tokens.push({ kind: 'literal', value: Number(match) });
      i += match.length;
    } else if (IDENTIFIER.test(rest)) {
      const match = IDENTIFIER.exec(rest)![0];
      const keyword: Record<string, boolean | null> = { true: true, false: false, null: null };
      tokens.push(match in keyword ? { kind: 'literal', value: keyword[match]! } : { kind: 'path', segments: match.split('.') });
      i += match.length;
    } else {
      throw new UnsupportedExpressionError(expression, `unexpected ${JSON.stringify(rest.slice(0, 12))}`);
    }
  }
  return tokens;
}

function parse(expression: string): Comparison[] {
  const tokens = tokenize(expression);
  const comparisons: Comparison[] = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [left, op, right, joiner] = tokens.slice(i, i + 4);
    if (!left || left.kind === 'op' || !right || right.kind === 'op' || op?.kind !== 'op' || op.value === '&&') {
      throw new UnsupportedExpressionError(expression, 'expected `<operand> == <operand>`');
    }
    if (joiner && (joiner.kind !== 'op' || joiner.value !== '&&' || i + 4 >= tokens.length)) {
      throw new UnsupportedExpressionError(expression, 'comparisons may only be joined by `&&`');
    }
    comparisons.push({ left, op: op.value, right });
  }
  if (!comparisons.length) throw new UnsupportedExpressionError(expression, 'it is empty');
  return comparisons;
}

function resolve(operand: Operand, scope: ExpressionScope): unknown {
  if (operand.kind === 'literal') return operand.value;
  let value: unknown = scope;
  for (const segment of operand.segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Checks an expression's syntax up front, so a bad `if` fails where it is declared rather than when an event arrives. */
export function assertSupportedExpression(expression: string): void {
  parse(expression);
}

/**
 * Evaluates `expression` against `scope` (e.g. `{ event, async }`). A path that does not resolve makes its
 * comparison false, as a missing field does in Inngest, so two absent fields never "match" each other.
 */
export function evaluateExpression(expression: string, scope: ExpressionScope): boolean {
  return parse(expression).every(({ left, op, right }) => {
    const a = resolve(left, scope);
    const b = resolve(right, scope);
    if (a === undefined || b === undefined) return false;
    return op === '==' ? equal(a, b) : !equal(a, b);
  });
}
