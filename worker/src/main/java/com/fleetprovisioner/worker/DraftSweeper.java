package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.intake.DraftCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link DraftCleanup} on the worker's timer; a failed round is logged and tried at the next. */
final class DraftSweeper implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DraftSweeper.class);

    private final DraftCleanup cleanup;

    DraftSweeper(DraftCleanup cleanup) {
        this.cleanup = cleanup;
    }

    @Override
    public void run() {
        try {
            int discarded = cleanup.discardStale();
            if (discarded > 0) {
                log.info("{} draft(s) untouched for longer than FP_DRAFT_RETENTION_DAYS discarded", discarded);
            }
        } catch (RuntimeException e) {
            log.warn("discarding stale drafts failed; trying again at the next round", e);
        }
    }
}
