-- Row-level security applies to the tables' owner too, not only to storefleet_app: a job or script that
-- connects as the owner and forgets withTenant sees no tenant's rows instead of every tenant's.
-- (Superusers and BYPASSRLS roles still bypass it; the migrator and cross-tenant maintenance such as
-- tenant moves run as such a role on purpose.) Every table with row-level security enabled is a
-- tenant-plane table; tests/rls-coverage.test.ts fails if a new one is not forced as well.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity AND NOT c.relforcerowsecurity
  LOOP
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END $$;
