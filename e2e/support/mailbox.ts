import { expect } from '@playwright/test';
import type { CapturedEmail } from '../../tests/support/email-capture-server';

/**
 * The mailbox of the email capture server that scripts/e2e-server.sh starts in place of Resend: the
 * shop sends through the real Resend SDK, and the tests read here what it sent.
 */
const MAIL_URL = `http://127.0.0.1:${Number(process.env.E2E_MAIL_PORT ?? 3199)}`;

// The capture server's own description of what it recorded (the Resend body fields plus headers).
export type { CapturedEmail };

const recipients = (email: CapturedEmail): string[] => (Array.isArray(email.to) ? email.to : [email.to]).map((a) => a.toLowerCase());

async function allEmails(): Promise<CapturedEmail[]> {
  const response = await fetch(`${MAIL_URL}/messages`);
  if (!response.ok) throw new Error(`The email capture server answered ${response.status}`);
  return (await response.json()) as CapturedEmail[];
}

/** Every email sent to this address so far, oldest first. */
export async function emailsTo(address: string): Promise<CapturedEmail[]> {
  const wanted = address.toLowerCase();
  return (await allEmails()).filter((email) => recipients(email).includes(wanted));
}

/**
 * The newest email to this address (whose subject matches, when given), waiting until one has arrived.
 * The shop sends before it answers the form, but waiting keeps the tests honest about asynchronous sends.
 */
export async function latestEmailTo(
  address: string,
  { subject, timeout = 10_000 }: { subject?: string | RegExp; timeout?: number } = {},
): Promise<CapturedEmail> {
  const matches = (email: CapturedEmail) => subject === undefined || (typeof subject === 'string' ? email.subject === subject : subject.test(email.subject));
  let found: CapturedEmail[] = [];
  await expect
    .poll(
      async () => {
        found = (await emailsTo(address)).filter(matches);
        return found.length;
      },
      { message: `an email to ${address}${subject === undefined ? '' : ` with subject ${String(subject)}`} arrived`, timeout },
    )
    .toBeGreaterThan(0);
  return found.at(-1)!;
}

/** The first link in an email's HTML whose text or address matches, with `&amp;` decoded. */
export function linkIn(email: CapturedEmail, pattern: RegExp): string {
  const hrefs = [...(email.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`No link matching ${pattern} in "${email.subject}": ${hrefs.join(', ')}`);
  return href;
}
