-- Observability. The metrics of the web process are derived from device_event, so they agree with the
-- database however many worker processes write it.
-- latency_ms: on the response to a mergeProvider, milliseconds from sending to the answer (NULL on
-- every other event, including getProvider answers and unknown outcomes).
ALTER TABLE device_event ADD COLUMN latency_ms BIGINT;

-- Recent-window queries (sends in the last minute, latency quantiles over the last five minutes) read
-- only the newest events of one type instead of scanning the table.
CREATE INDEX ix_device_event_type_at ON device_event (type, at);
