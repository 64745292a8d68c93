package com.fleetprovisioner.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttemptTallyTest {
    @Test
    void aMinuteIsSummedMostFirstThenCountedAfresh() {
        AttemptTally tally = new AttemptTally();
        assertThat(tally.drain()).as("nothing ended: no line").isEmpty();
        for (int i = 0; i < 3; i++) {
            tally.ended(DeviceEvent.Type.PROVISIONED);
        }
        tally.ended(DeviceEvent.Type.FAILED);
        tally.ended(DeviceEvent.Type.RETRY_SCHEDULED);
        tally.ended(DeviceEvent.Type.RETRY_SCHEDULED);

        assertThat(tally.drain()).contains("provisioned 3, retry_scheduled 2, failed 1");
        assertThat(tally.drain()).as("counted afresh").isEmpty();
        tally.ended(DeviceEvent.Type.NEEDS_REVIEW);
        assertThat(tally.drain()).contains("needs_review 1");
    }
}
