package com.fleetprovisioner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.simulator.Ledger.Entry;
import com.fleetprovisioner.simulator.Ledger.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aProviderCreatedTwiceCountsWhetherOrNotItsReplyWasLostAndAnUpdateIsNoCreation() {
        Ledger ledger = new Ledger();
        record(ledger, "twice", Outcome.CREATED);
        record(ledger, "twice", Outcome.CREATED);
        record(ledger, "lost-reply", Outcome.CREATED_REPLY_DROPPED);
        record(ledger, "lost-reply", Outcome.CREATED);
        record(ledger, "updated", Outcome.CREATED);
        record(ledger, "updated", Outcome.UPDATED);
        record(ledger, "throttled", Outcome.THROTTLED);
        record(ledger, "throttled", Outcome.CREATED);
        record(ledger, "dropped", Outcome.DROPPED_BEFORE_APPLY);

        assertThat(ledger.createdMoreThanOnce()).containsExactlyInAnyOrder("twice", "lost-reply");
        assertThat(ledger.creations("twice")).isEqualTo(2);
        assertThat(ledger.creations("updated")).isEqualTo(1);
        assertThat(ledger.creations("dropped")).isZero();
    }

    private static void record(Ledger ledger, String id, Outcome outcome) {
        ledger.record(new Entry(id, AT, outcome, 0, "ghost"));
    }
}
