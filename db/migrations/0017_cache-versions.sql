CREATE TABLE "cache_versions" (
	"scope" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"changed_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cache_versions_changed_seq_idx" ON "cache_versions" USING btree ("changed_seq");