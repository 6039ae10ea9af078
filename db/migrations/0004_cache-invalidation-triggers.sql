-- Tell every app instance which tenant's cached settings, hosts and visibility rules went stale
-- (lib/cache/cache-invalidation.ts). NOTIFY is delivered on commit, and repeats in one transaction
-- are folded into one.
CREATE OR REPLACE FUNCTION storefleet_notify_tenant_change() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    PERFORM pg_notify('storefleet_cache', COALESCE(NEW.id, OLD.id)::text);
  ELSE
    PERFORM pg_notify('storefleet_cache', COALESCE(NEW.tenant_id, OLD.tenant_id)::text);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefleet_notify_catalog_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('storefleet_cache', '*');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tenants_notify_cache AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION storefleet_notify_tenant_change();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_brands_notify_cache AFTER INSERT OR UPDATE OR DELETE ON tenant_visible_brands
  FOR EACH ROW EXECUTE FUNCTION storefleet_notify_tenant_change();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_categories_notify_cache AFTER INSERT OR UPDATE OR DELETE ON tenant_visible_categories
  FOR EACH ROW EXECUTE FUNCTION storefleet_notify_tenant_change();
--> statement-breakpoint
CREATE TRIGGER tenant_visible_vehicle_brands_notify_cache AFTER INSERT OR UPDATE OR DELETE ON tenant_visible_vehicle_brands
  FOR EACH ROW EXECUTE FUNCTION storefleet_notify_tenant_change();
--> statement-breakpoint
CREATE TRIGGER brands_notify_cache AFTER INSERT OR UPDATE OR DELETE ON brands
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_notify_catalog_change();
--> statement-breakpoint
CREATE TRIGGER categories_notify_cache AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_notify_catalog_change();
--> statement-breakpoint
CREATE TRIGGER vehicle_brands_notify_cache AFTER INSERT OR UPDATE OR DELETE ON vehicle_brands
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_notify_catalog_change();
