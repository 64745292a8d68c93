-- The send budget every worker process shares (issue 12): one row holding the rate in force for all
-- workers together, why it is what it is, and the next free send slot. Workers reserve a few slots at a
-- time under a row lock, using the database's clock. Portable SQL (H2 in PostgreSQL mode and PostgreSQL).
CREATE TABLE send_budget (
    id            INTEGER          NOT NULL PRIMARY KEY,
    -- commands per second for every worker together
    rate          DOUBLE PRECISION NOT NULL,
    -- the rate Fleet Freedom last throttled (the limit found); 0 until the first throttle
    ceiling       DOUBLE PRECISION NOT NULL,
    phase         VARCHAR(16)      NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    throttled_at  TIMESTAMP WITH TIME ZONE,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    granted       BIGINT           NOT NULL,
    next_slot     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_send_budget_single CHECK (id = 1),
    CONSTRAINT ck_send_budget_phase CHECK (phase IN ('LEARNING', 'BACKED_OFF', 'SETTLED', 'FIXED', 'UNPACED'))
);

-- The safe start (AdaptiveRate.START), learning.
INSERT INTO send_budget (id, rate, ceiling, phase, changed_at, window_start, granted, next_slot)
VALUES (1, 20, 0, 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP);
