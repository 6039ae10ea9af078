CREATE INDEX "articles_listing_idx" ON "articles" USING btree (("stock" > 0) desc,"name","id");--> statement-breakpoint
-- Facet counts and totals are answered from this index alone (an index-only scan), without reading the
-- table: every column a facet groups or filters on is carried in it.
CREATE INDEX "articles_facets_idx" ON "articles" USING btree ("brand_id", "category_id") INCLUDE ("kind", "season", "width", "aspect_ratio", "rim_diameter", "stock");
