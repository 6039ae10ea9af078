-- The application role for tenant-plane access. Roles are cluster-wide, so several databases on one
-- server (the shared default and dedicated tenant databases) share it: create it only if missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'storefleet_app') THEN
    CREATE ROLE storefleet_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('owner', 'manager');--> statement-breakpoint
CREATE TYPE "public"."sales_mode" AS ENUM('b2b', 'b2c');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('super_admin', 'staff');--> statement-breakpoint
CREATE TYPE "public"."tenant_plan" AS ENUM('standard', 'premium');--> statement-breakpoint
CREATE TYPE "public"."product_kind" AS ENUM('tyre', 'wheel');--> statement-breakpoint
CREATE TYPE "public"."season" AS ENUM('summer', 'winter', 'all_season');--> statement-breakpoint
CREATE TYPE "public"."customer_status" AS ENUM('pending_approval', 'active', 'rejected');--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" "staff_role" DEFAULT 'staff' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_memberships" (
	"staff_user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"role" "membership_role" DEFAULT 'owner' NOT NULL,
	CONSTRAINT "tenant_memberships_staff_user_id_tenant_id_pk" PRIMARY KEY("staff_user_id","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subdomain" text NOT NULL,
	"custom_domain" text,
	"name" text NOT NULL,
	"tagline" text,
	"logo_url" text,
	"primary_color" text DEFAULT '#1f2937' NOT NULL,
	"accent_color" text DEFAULT '#f59e0b' NOT NULL,
	"plan" "tenant_plan" DEFAULT 'standard' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"sales_mode" "sales_mode" DEFAULT 'b2b' NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"vat_rate_bp" integer DEFAULT 2100 NOT NULL,
	"country_code" text DEFAULT 'BE' NOT NULL,
	"vat_number_required" boolean DEFAULT true NOT NULL,
	"approval_required" boolean DEFAULT true NOT NULL,
	"auto_approval_enabled" boolean DEFAULT false NOT NULL,
	"auto_approval_rules" jsonb,
	"from_email_address" text NOT NULL,
	"payment_timeout_minutes" integer DEFAULT 30 NOT NULL,
	"dedicated_database" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_subdomain_format" CHECK ("tenants"."subdomain" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
	CONSTRAINT "tenants_vat_rate_range" CHECK ("tenants"."vat_rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "article_vehicle_brands" (
	"article_id" integer NOT NULL,
	"vehicle_brand_id" integer NOT NULL,
	CONSTRAINT "article_vehicle_brands_article_id_vehicle_brand_id_pk" PRIMARY KEY("article_id","vehicle_brand_id")
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" serial PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" "product_kind" NOT NULL,
	"brand_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"season" "season",
	"width" smallint NOT NULL,
	"aspect_ratio" smallint,
	"rim_diameter" smallint NOT NULL,
	"load_index" smallint,
	"speed_rating" text,
	"eu_fuel_class" text,
	"eu_wet_grip_class" text,
	"eu_noise_db" smallint,
	"eu_noise_class" text,
	"bolt_pattern" text,
	"offset_mm" smallint,
	"stock" integer DEFAULT 0 NOT NULL,
	"base_price_cents" integer NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "articles"."name" || ' ' || "articles"."sku")) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_price_positive" CHECK ("articles"."base_price_cents" > 0),
	CONSTRAINT "articles_stock_non_negative" CHECK ("articles"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "brands" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "product_kind" NOT NULL,
	"season" "season",
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_article_prices" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"article_id" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	CONSTRAINT "tenant_article_prices_positive" CHECK ("tenant_article_prices"."price_cents" > 0),
	CONSTRAINT "tenant_article_prices_window" CHECK ("tenant_article_prices"."valid_until" is null or "tenant_article_prices"."valid_until" > "tenant_article_prices"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "tenant_visible_brands" (
	"tenant_id" uuid NOT NULL,
	"brand_id" integer NOT NULL,
	CONSTRAINT "tenant_visible_brands_tenant_id_brand_id_pk" PRIMARY KEY("tenant_id","brand_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_visible_categories" (
	"tenant_id" uuid NOT NULL,
	"category_id" integer NOT NULL,
	CONSTRAINT "tenant_visible_categories_tenant_id_category_id_pk" PRIMARY KEY("tenant_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_visible_vehicle_brands" (
	"tenant_id" uuid NOT NULL,
	"vehicle_brand_id" integer NOT NULL,
	CONSTRAINT "tenant_visible_vehicle_brands_tenant_id_vehicle_brand_id_pk" PRIMARY KEY("tenant_id","vehicle_brand_id")
);
--> statement-breakpoint
CREATE TABLE "vehicle_brands" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"company_name" text,
	"vat_number" text,
	"country_code" text,
	"status" "customer_status" DEFAULT 'pending_approval' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_memberships" ADD CONSTRAINT "tenant_memberships_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_memberships" ADD CONSTRAINT "tenant_memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_vehicle_brands" ADD CONSTRAINT "article_vehicle_brands_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_vehicle_brands" ADD CONSTRAINT "article_vehicle_brands_vehicle_brand_id_vehicle_brands_id_fk" FOREIGN KEY ("vehicle_brand_id") REFERENCES "public"."vehicle_brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_article_prices" ADD CONSTRAINT "tenant_article_prices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_article_prices" ADD CONSTRAINT "tenant_article_prices_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_visible_brands" ADD CONSTRAINT "tenant_visible_brands_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_visible_brands" ADD CONSTRAINT "tenant_visible_brands_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_visible_categories" ADD CONSTRAINT "tenant_visible_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_visible_categories" ADD CONSTRAINT "tenant_visible_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_visible_vehicle_brands" ADD CONSTRAINT "tenant_visible_vehicle_brands_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_visible_vehicle_brands" ADD CONSTRAINT "tenant_visible_vehicle_brands_vehicle_brand_id_vehicle_brands_id_fk" FOREIGN KEY ("vehicle_brand_id") REFERENCES "public"."vehicle_brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "tenant_memberships_tenant_idx" ON "tenant_memberships" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_subdomain_key" ON "tenants" USING btree ("subdomain");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_custom_domain_key" ON "tenants" USING btree ("custom_domain");--> statement-breakpoint
CREATE INDEX "article_vehicle_brands_vehicle_idx" ON "article_vehicle_brands" USING btree ("vehicle_brand_id","article_id");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_slug_key" ON "articles" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_sku_key" ON "articles" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "articles_brand_idx" ON "articles" USING btree ("brand_id","id");--> statement-breakpoint
CREATE INDEX "articles_category_idx" ON "articles" USING btree ("category_id","id");--> statement-breakpoint
CREATE INDEX "articles_size_idx" ON "articles" USING btree ("width","aspect_ratio","rim_diameter");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "brands_slug_key" ON "brands" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_key" ON "categories" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_article_prices_window_key" ON "tenant_article_prices" USING btree ("tenant_id","article_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_brands_slug_key" ON "vehicle_brands" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_created_idx" ON "audit_log" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_tenant_email_key" ON "customers" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE POLICY "audit_log_tenant_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO "storefleet_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "customers_tenant_isolation" ON "customers" AS PERMISSIVE FOR ALL TO "storefleet_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- storefleet_app reads the platform plane (catalog, tenants) and reads and writes the tenant plane, where
-- the policies above confine it to the tenant in `app.tenant_id`. New tenant-plane tables must grant DML
-- to it in their migration; tests/rls-coverage.test.ts fails for any tenant_id table without a policy.
GRANT USAGE ON SCHEMA public TO storefleet_app;--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA public TO storefleet_app;--> statement-breakpoint
GRANT INSERT, UPDATE, DELETE ON "customers", "audit_log" TO storefleet_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO storefleet_app;
