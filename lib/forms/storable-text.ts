import { z } from 'zod';

/**
 * PostgreSQL cannot hold U+0000 in text or jsonb: a NUL bound to any statement fails the statement, and
 * the request with it. Free text from forms, files and URLs is checked with this before it reaches a query.
 */
export const WITHOUT_NUL = /^[^\u0000]*$/;

export const NUL_MESSAGE = 'This text contains an invisible control character. Please type it again.';

/** Line and paragraph breaks of every kind, tabs, and the other C0/C1 controls except NUL (which is refused). */
const BREAKS_AND_CONTROLS = /[\u0001-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A name, an address line or a label is one line: pasted CR/LF (or a tab, or another control character)
 * becomes one space, so a name can never start a new line in an email header, a CSV row or a log
 * reader's view of it.
 */
export function toSingleLine(text: string): string {
  return text.replace(BREAKS_AND_CONTROLS, ' ');
}

/**
 * The schema of every one-line text field at a trust boundary (names, companies, address lines, shop
 * names, references, reasons): no NUL, breaks normalised, trimmed. A `ZodString`, so each field still adds
 * its own `.min()`/`.max()` with its own message; `missing` is the message when the field is absent.
 */
export function singleLineText(missing?: string): z.ZodString {
  return z
    .string(missing ? { error: missing } : undefined)
    .regex(WITHOUT_NUL, NUL_MESSAGE)
    .overwrite(toSingleLine)
    .trim();
}
