-- History and batch pages at 1,000,000 devices (bench: HistoryBench). Portable SQL.

-- The batch page lists a batch's devices oldest first, and the history page filtered by batch newest
-- first: both page by (submitted_at, id) within one batch. Without it, a 100,000-device batch's page
-- walked ix_device_submitted and skipped every other batch's rows (over a second at 1,000,000 devices).
CREATE INDEX ix_device_batch_submitted ON device (batch_id, submitted_at, id);

-- The batch page's send rate counts the batch's devices finished in the last minute: with this the
-- count reads those few rows; without it H2 read every device of the batch (seconds for 100,000).
CREATE INDEX ix_device_batch_updated ON device (batch_id, updated_at);
