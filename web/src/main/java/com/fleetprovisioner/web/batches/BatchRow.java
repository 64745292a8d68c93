package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;

/** A batch as the batches list and the dashboard show it, with the address of its page. */
public record BatchRow(BatchSummary batch, ShownTime created, String link) {

    public static BatchRow of(BatchSummary batch, UserZone zone) {
        // a draft has no devices yet: its page is the preview
        String link = batch.state() == Batch.State.DRAFT || batch.state() == Batch.State.DISCARDED
                ? "/batches/" + batch.id() + "/preview" : "/batches/" + batch.id();
        return new BatchRow(batch, ShownTime.of(batch.createdAt(), zone), link);
    }
}
