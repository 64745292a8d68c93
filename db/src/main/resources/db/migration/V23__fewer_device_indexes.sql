-- Pipeline on H2 (issue 12): an UPDATE of a device row in H2 2.3 removes and re-adds the row in every
-- index of the table, whatever columns change, and a device is updated three times per attempt (lease,
-- write-ahead mark, finish). ix_device_due (state, next_attempt_at) is read by no query: range jobs take
-- ix_device_batch_state, the sweeper ix_device_sweep and a lease the primary key (every query on device in
-- the db module read for it; no page filters on next_attempt_at).
-- Portable SQL for H2 (PostgreSQL mode) and PostgreSQL.
DROP INDEX ix_device_due;
