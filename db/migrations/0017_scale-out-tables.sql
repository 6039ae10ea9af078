CREATE TABLE "platform_customers" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"company_name" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	"projected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_customers_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "platform_orders" (
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"gross_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	"projected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_orders_tenant_id_order_id_pk" PRIMARY KEY("tenant_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "platform_read_model_state" (
	"connection_name" text PRIMARY KEY NOT NULL,
	"caught_up_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cache_versions" (
	"scope" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"changed_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "projected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform_customers" ADD CONSTRAINT "platform_customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_orders" ADD CONSTRAINT "platform_orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platform_customers_created_idx" ON "platform_customers" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "platform_customers_tenant_created_idx" ON "platform_customers" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "platform_orders_placed_idx" ON "platform_orders" USING btree ("placed_at");--> statement-breakpoint
CREATE INDEX "platform_orders_tenant_placed_idx" ON "platform_orders" USING btree ("tenant_id","placed_at");--> statement-breakpoint
CREATE INDEX "cache_versions_changed_seq_idx" ON "cache_versions" USING btree ("changed_seq");--> statement-breakpoint
CREATE INDEX "outbox_unprojected_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."projected_at" is null and "outbox"."event_name" like 'platform/%';