/**
 * What Storefleet's sessions carry, for the types of Auth.js itself: `auth()`, `staffAuth()` and
 * `adminAuth()` then return these fields without a cast. The three instances share Auth.js's one
 * Session type, so each field is optional and says which instance writes it; the session callbacks
 * (lib/auth/auth.ts, lib/auth/separate-session.ts) copy them from the token only when they are strings
 * (or a number), and the helpers that read a session check it against the host and the database.
 */
import 'next-auth';

declare module 'next-auth' {
  interface Session {
    /** Customers' sessions (lib/auth/auth.ts). */
    customerId?: string;
    /** Shop staff's sessions (lib/auth/staff-auth.ts). */
    staffUserId?: string;
    /** Platform operators' sessions (lib/auth/admin-auth.ts). */
    adminId?: string;
    /** The one shop a customer's or staff member's session was issued for. */
    tenantId?: string;
    /** When its holder signed in (lib/auth/session-freshness.ts). */
    signedInAt?: number;
  }

  interface User {
    /** The shop a customer or staff member signed in at, from their authorize callback. */
    tenantId?: string;
  }
}
