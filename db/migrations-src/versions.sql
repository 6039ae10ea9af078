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
