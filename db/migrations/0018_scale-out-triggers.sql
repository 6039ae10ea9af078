-- Custom SQL migration file, put your code below! --
-- Platform read model (docs/platform-read-model.md): every order and customer change announces itself in
-- the outbox of the database it happens in, in the same transaction, as a `platform/…` row; the projector
-- (lib/platform-read-model/projector.ts) copies those into platform_orders / platform_customers of the
-- default database.
--
-- The rows are written already "published": no workflow engine consumes them, so the event relay never
-- claims them (its partial index and claim skip published rows). Their own marker is `projected_at`.
-- `version` is the moment of the change in microseconds (clock_timestamp(), taken while the changed row
-- is locked, so later changes of one row always carry larger versions); the projector only ever replaces
-- an older version.
--
-- Each announcement also NOTIFYs `storefleet_platform_read_model` (once per transaction: PostgreSQL folds
-- equal notifications), which wakes a listening projector at once instead of at its next interval.
--
-- A tenant move copies rows into another database; that copy is not a change. The mover sets
-- `storefleet.replicating` for its transactions (lib/tenancy/move-tenant/sync.ts) and the triggers stay
-- silent, so the copied plane equals the source and the move's verification holds.
CREATE OR REPLACE FUNCTION storefleet_platform_order_payload(o orders) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
  SELECT jsonb_build_object('orderId', o.id, 'number', o.number, 'status', o.status, 'customerId', o.customer_id,
    'grossCents', o.gross_cents, 'currency', o.currency, 'placedAt', o.placed_at,
    'version', (extract(epoch from clock_timestamp()) * 1000000)::bigint)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefleet_platform_customer_payload(c customers) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
  SELECT jsonb_build_object('customerId', c.id, 'name', c.name, 'email', c.email, 'companyName', c.company_name,
    'status', c.status, 'createdAt', c.created_at,
    'version', (extract(epoch from clock_timestamp()) * 1000000)::bigint)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefleet_announce_order_to_platform() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('storefleet.replicating', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND (OLD.number, OLD.status, OLD.customer_id, OLD.gross_cents, OLD.currency, OLD.placed_at)
      IS NOT DISTINCT FROM (NEW.number, NEW.status, NEW.customer_id, NEW.gross_cents, NEW.currency, NEW.placed_at) THEN
    RETURN NULL;
  END IF;
  INSERT INTO outbox (tenant_id, event_id, event_name, payload, published_at)
  VALUES (NEW.tenant_id, 'platform-order:' || NEW.id || ':' || gen_random_uuid(), 'platform/order.changed', storefleet_platform_order_payload(NEW), now());
  PERFORM pg_notify('storefleet_platform_read_model', '');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefleet_announce_customer_to_platform() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('storefleet.replicating', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND (OLD.name, OLD.email, OLD.company_name, OLD.status, OLD.created_at)
      IS NOT DISTINCT FROM (NEW.name, NEW.email, NEW.company_name, NEW.status, NEW.created_at) THEN
    RETURN NULL;
  END IF;
  INSERT INTO outbox (tenant_id, event_id, event_name, payload, published_at)
  VALUES (NEW.tenant_id, 'platform-customer:' || NEW.id || ':' || gen_random_uuid(), 'platform/customer.changed', storefleet_platform_customer_payload(NEW), now());
  PERFORM pg_notify('storefleet_platform_read_model', '');
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS orders_announce_to_platform ON orders;--> statement-breakpoint
CREATE TRIGGER orders_announce_to_platform AFTER INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION storefleet_announce_order_to_platform();--> statement-breakpoint
DROP TRIGGER IF EXISTS customers_announce_to_platform ON customers;--> statement-breakpoint
CREATE TRIGGER customers_announce_to_platform AFTER INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION storefleet_announce_customer_to_platform();--> statement-breakpoint
-- The projector's two doors into the outbox of every tenant at once. Under the production role
-- (storefleet_app, row-level security forced) a plain query sees one tenant's rows at a time, which would
-- cost a transaction per tenant per run. These functions run as their owner, the migrating role
-- (a superuser or BYPASSRLS role, as for tenant moves), and do exactly one thing each: claim due
-- `platform/…` rows (locked until the caller's transaction ends, skipping rows another projector holds),
-- and mark claimed rows projected. They never touch `published_at` or any other event.
CREATE OR REPLACE FUNCTION storefleet_claim_platform_events(batch_size integer)
RETURNS TABLE (id uuid, tenant_id uuid, event_name text, payload jsonb)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.id, o.tenant_id, o.event_name, o.payload FROM outbox o
  WHERE o.projected_at IS NULL AND o.event_name LIKE 'platform/%'
  ORDER BY o.created_at, o.id
  LIMIT least(greatest(batch_size, 1), 1000)
  FOR UPDATE SKIP LOCKED
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefleet_mark_platform_events_projected(ids uuid[]) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH done AS (
    UPDATE outbox SET projected_at = clock_timestamp()
    WHERE outbox.id = ANY(ids) AND outbox.event_name LIKE 'platform/%' AND outbox.projected_at IS NULL
    RETURNING 1)
  SELECT count(*)::integer FROM done
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION storefleet_claim_platform_events(integer) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION storefleet_mark_platform_events_projected(uuid[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION storefleet_claim_platform_events(integer) TO storefleet_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION storefleet_mark_platform_events_projected(uuid[]) TO storefleet_app;--> statement-breakpoint
-- The read model holds every tenant's rows without row-level security: code in a tenant's context
-- (SET ROLE storefleet_app) must not read it. The console reads it as the login role.
REVOKE ALL ON "platform_orders", "platform_customers", "platform_read_model_state" FROM storefleet_app;--> statement-breakpoint
-- Backfill: announce every existing order and customer once, in whichever database it lives; the
-- projector takes them in like any other change.
INSERT INTO outbox (tenant_id, event_id, event_name, payload, published_at)
SELECT c.tenant_id, 'platform-customer:' || c.id || ':backfill', 'platform/customer.changed', storefleet_platform_customer_payload(c), now()
FROM customers c ON CONFLICT (event_id) DO NOTHING;--> statement-breakpoint
INSERT INTO outbox (tenant_id, event_id, event_name, payload, published_at)
SELECT o.tenant_id, 'platform-order:' || o.id || ':backfill', 'platform/order.changed', storefleet_platform_order_payload(o), now()
FROM orders o ON CONFLICT (event_id) DO NOTHING;
--> statement-breakpoint
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
--> statement-breakpoint
-- Cache versions (lib/cache/cache-versions.ts, docs/cache-versions.md): every change that caches depend on
-- bumps its scope's row in cache_versions IN THE SAME TRANSACTION, so a committed change always carries its
-- bump (no announcement lost to a crash after commit) and a rolled-back one never does. The NOTIFY sent with
-- the bump is only a fast path (delivered at commit); instances also poll cache_versions, so a notification
-- missed while a LISTEN connection reconnects costs at most one poll interval.
--
-- changed_seq is the id of the last bumping transaction: a reader that remembers the oldest transaction still
-- running in its snapshot (pg_snapshot_xmin) re-reads exactly the rows that may have committed since. A
-- sequence would not do: numbers are drawn in statement order but become visible in commit order, so a high
-- water mark over them skips a transaction that drew its number first and committed last.

-- Runs as its owner (the migrator): the production role (a member of storefleet_app, neither owner nor
-- superuser) may write prices and settings, and the bump must not fail for want of a grant on cache_versions.
CREATE OR REPLACE FUNCTION storefleet_bump_cache_version(p_scope text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  bumped bigint;
BEGIN
  -- Once per scope and transaction, however many statements touch it (a catalog import writes thousands):
  -- nobody sees the row before commit, so one step up is as good as many, and it is one notification.
  INSERT INTO cache_versions AS v (scope, version, changed_seq)
  VALUES (p_scope, 1, pg_current_xact_id()::text::bigint)
  ON CONFLICT (scope) DO UPDATE SET version = v.version + 1, changed_seq = EXCLUDED.changed_seq
    WHERE v.changed_seq <> EXCLUDED.changed_seq
  RETURNING v.version INTO bumped;
  -- `<scope>@<version>`: a listener that knows this version already has nothing to do.
  IF bumped IS NOT NULL THEN
    PERFORM pg_notify('storefleet_cache', p_scope || '@' || bumped);
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION storefleet_bump_cache_version(text) FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON cache_versions TO storefleet_app;
--> statement-breakpoint
-- A tenants row (settings, domains, activation, plan): that tenant's scope.
CREATE OR REPLACE FUNCTION storefleet_bump_tenant_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM storefleet_bump_cache_version(COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Rows carrying tenant_id (visibility rules, tenant prices): one bump per tenant a statement touched, however
-- many rows (a price import writes thousands), in a fixed order so two writers never deadlock on the rows.
CREATE OR REPLACE FUNCTION storefleet_bump_tenant_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR tenant IN SELECT DISTINCT tenant_id::text FROM new_rows ORDER BY 1 LOOP
      PERFORM storefleet_bump_cache_version(tenant);
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR tenant IN SELECT DISTINCT tenant_id::text FROM old_rows ORDER BY 1 LOOP
      PERFORM storefleet_bump_cache_version(tenant);
    END LOOP;
  ELSE
    FOR tenant IN SELECT tenant_id::text FROM new_rows UNION SELECT tenant_id::text FROM old_rows ORDER BY 1 LOOP
      PERFORM storefleet_bump_cache_version(tenant);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The shared catalog (articles, brands, categories, vehicle brands): scope `*`.
CREATE OR REPLACE FUNCTION storefleet_bump_catalog() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM storefleet_bump_cache_version('*');
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The after-commit notifications of 0004 and 0010 give way to the bumps (which notify as well).
DROP TRIGGER IF EXISTS tenants_notify_cache ON tenants;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tenant_visible_brands_notify_cache ON tenant_visible_brands;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tenant_visible_categories_notify_cache ON tenant_visible_categories;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tenant_visible_vehicle_brands_notify_cache ON tenant_visible_vehicle_brands;
--> statement-breakpoint
DROP TRIGGER IF EXISTS brands_notify_cache ON brands;
--> statement-breakpoint
DROP TRIGGER IF EXISTS categories_notify_cache ON categories;
--> statement-breakpoint
DROP TRIGGER IF EXISTS vehicle_brands_notify_cache ON vehicle_brands;
--> statement-breakpoint
DROP FUNCTION IF EXISTS storefleet_notify_tenant_change();
--> statement-breakpoint
DROP FUNCTION IF EXISTS storefleet_notify_catalog_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefleet_bump_catalog_version() RETURNS trigger AS $$
BEGIN
  UPDATE catalog_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tenants_bump_cache_version AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION storefleet_bump_tenant_row();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_brands_bump_cache_ins AFTER INSERT ON tenant_visible_brands
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_brands_bump_cache_upd AFTER UPDATE ON tenant_visible_brands
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_brands_bump_cache_del AFTER DELETE ON tenant_visible_brands
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_categories_bump_cache_ins AFTER INSERT ON tenant_visible_categories
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_categories_bump_cache_upd AFTER UPDATE ON tenant_visible_categories
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_categories_bump_cache_del AFTER DELETE ON tenant_visible_categories
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_vehicle_brands_bump_cache_ins AFTER INSERT ON tenant_visible_vehicle_brands
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_vehicle_brands_bump_cache_upd AFTER UPDATE ON tenant_visible_vehicle_brands
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_vehicle_brands_bump_cache_del AFTER DELETE ON tenant_visible_vehicle_brands
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_article_prices_bump_cache_ins AFTER INSERT ON tenant_article_prices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_article_prices_bump_cache_upd AFTER UPDATE ON tenant_article_prices
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER tenant_article_prices_bump_cache_del AFTER DELETE ON tenant_article_prices
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_tenant_rows();
--> statement-breakpoint
CREATE TRIGGER brands_bump_cache_version AFTER INSERT OR UPDATE OR DELETE ON brands
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog();
--> statement-breakpoint
CREATE TRIGGER categories_bump_cache_version AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog();
--> statement-breakpoint
CREATE TRIGGER vehicle_brands_bump_cache_version AFTER INSERT OR UPDATE OR DELETE ON vehicle_brands
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog();
--> statement-breakpoint
CREATE TRIGGER articles_bump_cache_version AFTER INSERT OR UPDATE OR DELETE ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog();
--> statement-breakpoint
CREATE TRIGGER article_vehicle_brands_bump_cache_version AFTER INSERT OR UPDATE OR DELETE ON article_vehicle_brands
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog();
