CREATE TABLE "catalog_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "catalog_version_single_row" CHECK ("catalog_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "tenant_catalog_summaries" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"basis" text NOT NULL,
	"total" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "articles_listing_idx";--> statement-breakpoint
ALTER TABLE "tenant_catalog_summaries" ADD CONSTRAINT "tenant_catalog_summaries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The listing's page of ids is read by an index-only scan: the visibility and kind filters are checked on
-- the INCLUDE columns, so only the page's own rows are fetched from the table.
CREATE INDEX "articles_listing_idx" ON "articles" USING btree (("stock" = 0),"name","id") INCLUDE ("brand_id", "category_id", "kind", "stock");--> statement-breakpoint
INSERT INTO "catalog_version" ("id", "version") VALUES (1, 1);--> statement-breakpoint
-- Facet counts (tenant_catalog_summaries) go stale when the catalog's shape changes: bump the version
-- and tell every app instance (lib/cache/cache-invalidation.ts). Stock and price updates do not fire this.
CREATE OR REPLACE FUNCTION storefleet_bump_catalog_version() RETURNS trigger AS $$
BEGIN
  UPDATE catalog_version SET version = version + 1 WHERE id = 1;
  PERFORM pg_notify('storefleet_cache', '*');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER articles_bump_catalog_version AFTER INSERT OR DELETE OR UPDATE OF "brand_id", "category_id", "kind", "season", "width", "aspect_ratio", "rim_diameter" ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER article_vehicle_brands_bump_catalog_version AFTER INSERT OR DELETE OR UPDATE ON article_vehicle_brands
  FOR EACH STATEMENT EXECUTE FUNCTION storefleet_bump_catalog_version();
