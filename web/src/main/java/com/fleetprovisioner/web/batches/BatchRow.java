package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;

/** A batch as the batches list and the dashboard show it, with the address of its page. */
public record BatchRow(BatchSummary batch, ShownTime created, String link, SplitBar bar, long failures) {

    public static BatchRow of(BatchSummary batch, UserZone zone) {
        // a draft has no devices yet: its page is the preview
        String link = batch.state() == Batch.State.DRAFT || batch.state() == Batch.State.DISCARDED
                ? "/batches/" + batch.id() + "/preview" : "/batches/" + batch.id();
        return new BatchRow(batch, ShownTime.of(batch.createdAt(), zone), link, SplitBar.of(batch.devices()),
                batch.count(DeviceState.FAILED) + batch.count(DeviceState.NEEDS_REVIEW));
    }
}
