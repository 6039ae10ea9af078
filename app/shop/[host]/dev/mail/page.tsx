import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listSentEmails } from '@/lib/email/list-sent-emails';
import { getShop } from '@/lib/tenancy/current-shop';

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: 'Mail log', robots: { index: false, follow: false } };

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/**
 * Development-only view of the emails this shop recorded (all of them when no RESEND_API_KEY is set).
 * It shows customers' mail, so it does not exist in production builds; in development it is scoped to
 * the tenant of the host like every other storefront page.
 */
export default async function DevMailPage({ params }: Props) {
  if (process.env.NODE_ENV === 'production') notFound();
  const shop = await getShop((await params).host);
  const emails = await listSentEmails(shop.tenant.id, { limit: 50 });
  return (
    <section aria-labelledby="mail-heading" className="mx-auto max-w-5xl">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="mail-heading" className="text-2xl font-bold">
            Mail log
          </h1>
          <p className="text-sm text-slate-600">The latest emails {shop.tenant.name} sent or recorded. Development only; times in UTC.</p>
        </div>
        <p className="text-sm text-slate-600" data-testid="mail-count">
          {emails.length === 0 ? 'No emails' : `${emails.length} ${emails.length === 1 ? 'email' : 'emails'}`}
        </p>
      </div>
      {emails.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-semibold">No emails yet.</p>
          <p className="mt-1 text-sm text-slate-600">Register an account or reset a password in this shop, then reload this page.</p>
        </div>
      ) : (
        <ul className="mt-4 space-y-3">
          {emails.map((email) => (
            <li key={email.id} className="rounded-lg border border-slate-200 bg-white" data-testid="mail-entry">
              <details className="group">
                <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
                  <time dateTime={email.createdAt.toISOString()} className="text-slate-500 tabular-nums">
                    {timeFormat.format(email.createdAt)}
                  </time>
                  <span className="min-w-0 flex-1 truncate font-semibold">{email.subject}</span>
                  <span className="text-slate-600">{email.toAddress}</span>
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{email.transport}</span>
                </summary>
                <div className="border-t border-slate-200 px-4 py-3">
                  <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-slate-500">From</dt>
                    <dd className="break-all">{email.fromAddress}</dd>
                    <dt className="text-slate-500">Reply-To</dt>
                    <dd className="break-all">{email.replyTo ?? '—'}</dd>
                    <dt className="text-slate-500">Template</dt>
                    <dd>{email.template}</dd>
                    <dt className="text-slate-500">Key</dt>
                    <dd className="break-all">{email.idempotencyKey}</dd>
                    {email.providerMessageId ? (
                      <>
                        <dt className="text-slate-500">Provider id</dt>
                        <dd className="break-all">{email.providerMessageId}</dd>
                      </>
                    ) : null}
                  </dl>
                  {/* An empty sandbox: the stored HTML can run no script, submit no form and reach no parent. */}
                  <iframe
                    title={`Email: ${email.subject}`}
                    srcDoc={email.html}
                    sandbox=""
                    referrerPolicy="no-referrer"
                    loading="lazy"
                    className="mt-3 h-[36rem] w-full rounded border border-slate-200 bg-white"
                  />
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-semibold">Plain-text version</summary>
                    <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs whitespace-pre-wrap">{email.textBody}</pre>
                  </details>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
