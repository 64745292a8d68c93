-- Provisioning pipeline. Portable SQL for H2 (PostgreSQL mode) and PostgreSQL.

-- Bumped by every requeue of a terminal device: the JobRunr job id is derived from
-- (device id, requeue generation, attempt), so re-enqueueing the same attempt is idempotent while a
-- requeue after `failed` gets a job of its own.
ALTER TABLE device ADD COLUMN requeue_generation INTEGER DEFAULT 0 NOT NULL;

-- The sweeper looks for rows left without a live job: non-terminal, lease free, oldest change first.
CREATE INDEX ix_device_sweep ON device (state, updated_at);

-- The single shared pipeline row exists from the start, so every writer can UPDATE it.
INSERT INTO pipeline_state (id, updated_at) VALUES (1, CURRENT_TIMESTAMP);
