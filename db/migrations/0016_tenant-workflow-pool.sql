ALTER TABLE "tenants" ADD COLUMN "workflow_pool" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_workflow_pool_format" CHECK ("tenants"."workflow_pool" ~ '^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$');
