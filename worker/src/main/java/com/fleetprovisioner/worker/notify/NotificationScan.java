package com.fleetprovisioner.worker.notify;

import com.fleetprovisioner.core.notify.NotificationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's periodic look for batch ends and pipeline stops to notify; a failed look is tried again next time. */
public final class NotificationScan implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(NotificationScan.class);

    private final NotificationService service;

    public NotificationScan(NotificationService service) {
        this.service = service;
    }

    @Override
    public void run() {
        try {
            service.scan();
        } catch (RuntimeException e) {
            log.warn("notification scan failed; trying again shortly", e);
        }
    }
}
