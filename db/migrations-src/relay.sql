-- The outbox relay is woken by the write instead of polling (lib/outbox/relay-loop.ts): every statement
-- that inserts outbox rows sends one notice on `storefleet_outbox`. pg_notify is transactional: the
-- notice is delivered at commit (never for a rolled-back write), and identical notices of one
-- transaction are folded into one.
CREATE OR REPLACE FUNCTION outbox_wake_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('storefleet_outbox', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS outbox_wake_relay ON outbox;--> statement-breakpoint
CREATE TRIGGER outbox_wake_relay AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_wake_relay();--> statement-breakpoint
-- The tenants that have outbox rows due for publishing, for a relay under the production role, which
-- row-level security confines to one tenant per transaction: it visits only these with withTenant
-- instead of every tenant. Reads the partial index outbox_unpublished_idx, so the cost follows the
-- unsent rows, not the number of tenants. SECURITY DEFINER: it runs as its owner, the migrating role,
-- which bypasses row-level security (superuser or BYPASSRLS, see 0013); it answers tenant ids only.
-- The due condition is lib/outbox/relay-batch.ts's backoff (retryDelaySeconds), `due_at` its moment
-- (null: the database's clock).
CREATE OR REPLACE FUNCTION outbox_due_tenants(due_at timestamptz DEFAULT NULL) RETURNS SETOF uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  moment timestamptz := coalesce(due_at, clock_timestamp());
BEGIN
  IF row_security_active('outbox') THEN
    RAISE EXCEPTION 'outbox_due_tenants() is owned by %, which is subject to row-level security on outbox: it would find no tenant. Its owner must be the migrating role (superuser or BYPASSRLS).', current_user
      USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT DISTINCT o.tenant_id FROM outbox o
    WHERE o.published_at IS NULL AND o.tenant_id IS NOT NULL AND o.created_at <= moment
      AND o.created_at + make_interval(secs => (CASE WHEN o.attempts < 9 THEN power(2, o.attempts) - 1 ELSE 511 + 300 * (o.attempts - 9) END)) <= moment;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION outbox_due_tenants(timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION outbox_due_tenants(timestamptz) TO storefleet_app;
