package com.fleetprovisioner.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.fleetfreedom.CommandOutcome.Kind;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Decision;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Facts;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Found;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Next;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Step;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the per-attempt decision. Columns: step, outcome kind, what getProvider found, sent before,
 * outcome unknown before, attempts left → next, outcome unknown after.
 */
class AttemptDecisionTest {

    @ParameterizedTest(name = "{0} {1} found={2} sentBefore={3} unknownBefore={4} attemptsLeft={5} -> {6} unknown={7}")
    @CsvSource({
        // reconcile answered: absent → send; present → ours only if we sent it in that company
        "RECONCILE, SUCCESS,   ABSENT,        false, false, true,  SEND,         false",
        "RECONCILE, SUCCESS,   ABSENT,        true,  true,  true,  SEND,         false",
        "RECONCILE, SUCCESS,   ABSENT,        true,  true,  false, SEND,         false",
        "RECONCILE, SUCCESS,   SAME_COMPANY,  true,  true,  true,  PROVISIONED,  false",
        "RECONCILE, SUCCESS,   SAME_COMPANY,  true,  true,  false, PROVISIONED,  false",
        // present in the same company but not added by us: someone else did
        "RECONCILE, SUCCESS,   SAME_COMPANY,  false, false, true,  NEEDS_REVIEW, false",
        "RECONCILE, SUCCESS,   OTHER_COMPANY, false, false, true,  NEEDS_REVIEW, false",
        "RECONCILE, SUCCESS,   OTHER_COMPANY, true,  true,  true,  NEEDS_REVIEW, false",
        // reconcile not answered
        "RECONCILE, NOT_SENT,  NO_ANSWER,     false, false, true,  NOT_SENT,     false",
        "RECONCILE, NOT_SENT,  NO_ANSWER,     true,  true,  false, NOT_SENT,     true",
        "RECONCILE, THROTTLED, NO_ANSWER,     false, false, false, THROTTLED,    false",
        "RECONCILE, THROTTLED, NO_ANSWER,     true,  true,  true,  THROTTLED,    true",
        "RECONCILE, STOP,      NO_ANSWER,     false, false, true,  HELD,         false",
        "RECONCILE, STOP,      NO_ANSWER,     true,  true,  true,  HELD,         true",
        "RECONCILE, PERMANENT, NO_ANSWER,     false, false, true,  FAILED,       false",
        // a permanent answer to getProvider while the outcome is unknown: never failed, may be billed
        "RECONCILE, PERMANENT, NO_ANSWER,     true,  true,  true,  RETRY,        true",
        "RECONCILE, PERMANENT, NO_ANSWER,     true,  true,  false, RETRY,        true",
        "RECONCILE, RETRYABLE, NO_ANSWER,     false, false, true,  RETRY,        false",
        "RECONCILE, RETRYABLE, NO_ANSWER,     false, false, false, FAILED,       false",
        "RECONCILE, RETRYABLE, NO_ANSWER,     true,  true,  false, RETRY,        true",
        "RECONCILE, UNKNOWN,   NO_ANSWER,     false, false, true,  RETRY,        false",
        // a read cut off by a dropped connection: our trouble, never the end of the device
        "RECONCILE, UNKNOWN,   NO_ANSWER,     false, false, false, RETRY,        false",
        "RECONCILE, UNKNOWN,   NO_ANSWER,     true,  true,  false, RETRY,        true",
        // the add
        "MERGE,     SUCCESS,   NO_ANSWER,     true,  false, true,  PROVISIONED,  false",
        "MERGE,     NOT_SENT,  NO_ANSWER,     true,  false, true,  NOT_SENT,     false",
        "MERGE,     NOT_SENT,  NO_ANSWER,     true,  true,  false, NOT_SENT,     false",
        "MERGE,     THROTTLED, NO_ANSWER,     true,  false, false, THROTTLED,    false",
        "MERGE,     STOP,      NO_ANSWER,     true,  false, true,  HELD,         false",
        "MERGE,     PERMANENT, NO_ANSWER,     true,  false, true,  FAILED,       false",
        "MERGE,     RETRYABLE, NO_ANSWER,     true,  false, true,  RETRY,        false",
        "MERGE,     RETRYABLE, NO_ANSWER,     true,  false, false, FAILED,       false",
        // written, unanswered: may be billed; never failed for running out of attempts
        "MERGE,     UNKNOWN,   NO_ANSWER,     true,  false, true,  RETRY,        true",
        "MERGE,     UNKNOWN,   NO_ANSWER,     true,  false, false, RETRY,        true",
    })
    void decides(Step step, Kind outcome, Found found, boolean sentBefore, boolean unknownBefore,
            boolean attemptsLeft, Next next, boolean unknownAfter) {
        Decision decision = AttemptDecision.decide(new Facts(step, outcome, found, sentBefore, unknownBefore,
                attemptsLeft));
        assertThat(decision).isEqualTo(new Decision(next, unknownAfter));
    }

    @Test
    void everyCombinationIsDecidedAndNoUnknownOutcomeIsEverFailedOrSentBlind() {
        List<Facts> all = new ArrayList<>();
        for (Step step : Step.values()) {
            for (Kind kind : Kind.values()) {
                for (Found found : Found.values()) {
                    boolean answered = step == Step.RECONCILE && kind == Kind.SUCCESS;
                    if (answered == (found == Found.NO_ANSWER)) {
                        continue;
                    }
                    for (int bits = 0; bits < 8; bits++) {
                        all.add(new Facts(step, kind, found, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0));
                    }
                }
            }
        }
        assertThat(all).as("9 reconcile and 7 merge cases, 8 flag combinations each").hasSize((9 + 7) * 8);
        for (Facts f : all) {
            Decision d = AttemptDecision.decide(f);
            if (f.unknownBefore() && f.step() == Step.RECONCILE) {
                assertThat(d.next()).as("%s", f).isNotEqualTo(Next.FAILED);
            }
            if (f.outcome() == Kind.UNKNOWN && f.step() == Step.RECONCILE) {
                assertThat(d.next()).as("%s", f).isEqualTo(Next.RETRY);
            }
            if (f.outcome() == Kind.UNKNOWN && f.step() == Step.MERGE) {
                assertThat(d).as("%s", f).isEqualTo(new Decision(Next.RETRY, true));
            }
            if (d.next() == Next.SEND) {
                assertThat(f.found()).as("only a reconcile that found nothing leads to a send").isEqualTo(Found.ABSENT);
            }
        }
    }

    @Test
    void onlyWhatTheDeviceCausedCountsAsAnAttempt() {
        Set<Next> free = EnumSet.noneOf(Next.class);
        for (Next next : Next.values()) {
            if (!next.countsAttempt()) {
                free.add(next);
            }
        }
        assertThat(free).containsExactlyInAnyOrder(Next.NOT_SENT, Next.THROTTLED, Next.HELD);
        assertThat(Next.NOT_SENT.state()).isEqualTo(DeviceState.QUEUED);
        assertThat(Next.PROVISIONED.event()).isEqualTo(DeviceEvent.Type.PROVISIONED);
        assertThat(Next.NEEDS_REVIEW.state()).isEqualTo(DeviceState.NEEDS_REVIEW);
    }

    @Test
    void factsThatCannotHappenAreRefused() {
        assertThatThrownBy(() -> new Facts(Step.MERGE, Kind.SUCCESS, Found.ABSENT, true, false, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Facts(Step.RECONCILE, Kind.SUCCESS, Found.NO_ANSWER, true, false, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Facts(Step.RECONCILE, Kind.PERMANENT, Found.ABSENT, true, false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
