'use client';

/** Last resort when the root layout itself fails: plain markup, no app styles assumed. */
export default function GlobalError({ reset, error }: { reset: () => void; error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem 1.5rem', textAlign: 'center' }}>
        <h1>Something went wrong</h1>
        <p>Please try again in a moment.</p>
        {error.digest ? <p style={{ fontFamily: 'monospace', color: '#64748b' }}>Reference: {error.digest}</p> : null}
        <button type="button" onClick={reset} style={{ padding: '0.5rem 1rem', marginTop: '1rem' }}>
          Try again
        </button>
      </body>
    </html>
  );
}
