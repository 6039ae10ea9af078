ALTER TABLE "articles" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', translate("articles"."name" || ' ' || "articles"."sku", '-/.', '   '))) STORED;--> statement-breakpoint
-- Dropping the column dropped its index with it.
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search_vector");
