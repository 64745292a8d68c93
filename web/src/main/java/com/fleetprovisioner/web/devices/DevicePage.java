package com.fleetprovisioner.web.devices;

import com.fleetprovisioner.core.provisioning.DeviceDetail;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the device page shows; times as ISO-8601 UTC text, billing start on Fleet Freedom's clock. */
public record DevicePage(String providerId, String kind, long company, long batchId, String state, int attempts,
        String billingStartedAt, String sentAt, String receivedAt, String nextAttemptAt, String lastError,
        boolean outcomeUnknown, boolean canRequeue, List<DevicesApi.EventJson> events) {

    static DevicePage of(DeviceDetail d, boolean canRequeue) {
        return new DevicePage(d.providerId(), d.kind(), d.companyId(), d.batchId(), d.state().id(), d.attempts(),
                text(d.billingStartedAt()), text(d.sentAt()), text(d.receivedAt()), text(d.nextAttemptAt()),
                d.lastErrorMessage().orElse(""), d.outcomeUnknown(), canRequeue,
                d.events().stream().map(DevicesApi.EventJson::of).toList());
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse("—");
    }
}
