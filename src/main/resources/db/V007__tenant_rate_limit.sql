-- A tenant's own rate limit (admin-api.md, "Limits a tenant can be given"): a token bucket of
-- rate_burst tokens refilled at rate_per_second tokens a second. Both NULL: the configured default
-- applies. Re-importing the tenant without the member sets them back to NULL.
ALTER TABLE tenant
  ADD COLUMN rate_per_second integer CHECK (rate_per_second > 0),
  ADD COLUMN rate_burst integer CHECK (rate_burst > 0),
  ADD CONSTRAINT tenant_rate_limit_whole CHECK ((rate_per_second IS NULL) = (rate_burst IS NULL));
