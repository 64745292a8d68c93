-- Batch states set by the pipeline (issue 13): a submitted batch moves to 'sending' once a device of it
-- is attempted, and ends in 'completed' (every device provisioned), 'completed_with_failures' (some
-- failed or need review) or 'cancelled'. ended_at is when it reached one of those; notifications and
-- the pages read it. Portable SQL (H2 in PostgreSQL mode and PostgreSQL).
ALTER TABLE batch DROP CONSTRAINT ck_batch_state;
ALTER TABLE batch ALTER COLUMN state SET DATA TYPE VARCHAR(32);
ALTER TABLE batch ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE batch ADD CONSTRAINT ck_batch_state CHECK (state IN
    ('draft', 'submitted', 'sending', 'completed', 'completed_with_failures', 'cancelled', 'discarded'));
