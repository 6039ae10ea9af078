ALTER TYPE "public"."payment_status" ADD VALUE 'voided';--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "time_zone" text DEFAULT 'Europe/Brussels' NOT NULL;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "coupon_code" text;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "use_loyalty_points" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_rate_bp" integer;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "settles_order" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_order_settled_key" ON "payments" USING btree ("tenant_id","order_id") WHERE "payments"."settles_order";--> statement-breakpoint
-- Orders paid before this column existed: the payment that paid them is their oldest capture (what
-- refunds picked until now); a cancelled order's captures were late payments and settle nothing.
-- Extra captures of an already paid order stay unflagged, so a refund never picks them for the order.
UPDATE "payments" SET "settles_order" = true
WHERE "id" IN (
  SELECT DISTINCT ON (p."tenant_id", p."order_id") p."id"
  FROM "payments" p
  JOIN "orders" o ON o."tenant_id" = p."tenant_id" AND o."id" = p."order_id"
  WHERE p."status" IN ('captured', 'refunded') AND (o."status" <> 'cancelled' OR p."provider" = 'invoice')
  ORDER BY p."tenant_id", p."order_id", p."created_at", p."id"
);
