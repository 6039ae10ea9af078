/**
 * PostgreSQL cannot hold U+0000 in text or jsonb: a NUL bound to any statement fails the statement, and
 * the request with it. Free text from forms, files and URLs is checked with this before it reaches a query.
 */
export const WITHOUT_NUL = /^[^\u0000]*$/;

export const NUL_MESSAGE = 'This text contains an invisible control character. Please type it again.';
