-- API tokens expire (issue 15): a chosen lifetime, 90 days by default; NULL = no expiry, chosen on purpose.
-- Tokens issued before this version never had one: they get 90 days from the upgrade.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE api_token SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE revoked_at IS NULL;
