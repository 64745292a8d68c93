package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.fleetfreedom.CommandOutcome.Kind;
import java.util.Objects;

/**
 * What one attempt does after a Fleet Freedom command came back, as a pure function of what it knows:
 * which command answered, the outcome kind, what {@code getProvider} found (and whether in the device's
 * company), whether we sent the device before, whether an earlier outcome is unknown, and whether the
 * retry policy allows another attempt. {@link ProvisioningService} only carries the decision out.
 *
 * <p>Two rules hold every row together: a device whose outcome is unknown is never failed or sent blind
 * (only a reconcile may end it), and an attempt the pipeline caused to fail (not sent, throttled, stopped)
 * is not counted against the device.
 */
public final class AttemptDecision {

    /** The command whose outcome is decided on. */
    public enum Step {
        /** {@code getProvider} before the first add or after an unknown outcome. */
        RECONCILE,
        /** {@code mergeProvider}, the add that starts billing. */
        MERGE
    }

    /** What {@code getProvider} found; {@link #NO_ANSWER} when it did not succeed or was not the step. */
    public enum Found {
        ABSENT, SAME_COMPANY, OTHER_COMPANY, NO_ANSWER
    }

    /** Where the device goes, the event that records it, and whether the attempt counts. */
    public enum Next {
        /** Absent after reconcile: go on to {@code mergeProvider}. */
        SEND(DeviceState.SENDING, DeviceEvent.Type.RECONCILED, true),
        PROVISIONED(DeviceState.PROVISIONED, DeviceEvent.Type.PROVISIONED, true),
        /** Present, but not ours to count as provisioned: a person decides. */
        NEEDS_REVIEW(DeviceState.NEEDS_REVIEW, DeviceEvent.Type.NEEDS_REVIEW, true),
        FAILED(DeviceState.FAILED, DeviceEvent.Type.FAILED, true),
        /** Again after the retry policy's delay (or the server's). */
        RETRY(DeviceState.RETRYING, DeviceEvent.Type.RETRY_SCHEDULED, true),
        /** Again after the server's throttle window, which holds every sender. */
        THROTTLED(DeviceState.RETRYING, DeviceEvent.Type.RETRY_SCHEDULED, false),
        /** Never written: back to the queue, nothing to reconcile for this attempt. */
        NOT_SENT(DeviceState.QUEUED, DeviceEvent.Type.RETRY_SCHEDULED, false),
        /** The pipeline is stopped (account problem): waits for an admin, is not failed. */
        HELD(DeviceState.RETRYING, DeviceEvent.Type.HELD, false);

        private final DeviceState state;
        private final DeviceEvent.Type event;
        private final boolean countsAttempt;

        Next(DeviceState state, DeviceEvent.Type event, boolean countsAttempt) {
            this.state = state;
            this.event = event;
            this.countsAttempt = countsAttempt;
        }

        public DeviceState state() {
            return state;
        }

        public DeviceEvent.Type event() {
            return event;
        }

        public boolean countsAttempt() {
            return countsAttempt;
        }
    }

    /** Everything the decision depends on. */
    public record Facts(Step step, Kind outcome, Found found, boolean sentBefore, boolean unknownBefore,
            boolean attemptsLeft) {
        public Facts {
            Objects.requireNonNull(step);
            Objects.requireNonNull(outcome);
            boolean answered = step == Step.RECONCILE && outcome == Kind.SUCCESS;
            if (answered == (found == Found.NO_ANSWER)) {
                throw new IllegalArgumentException("found " + found + " does not fit " + step + "/" + outcome);
            }
        }
    }

    /** @param outcomeUnknown what the device row says afterwards: may an earlier send have been applied? */
    public record Decision(Next next, boolean outcomeUnknown) {
    }

    private AttemptDecision() {
    }

    public static Decision decide(Facts f) {
        return f.step() == Step.RECONCILE ? afterReconcile(f) : afterMerge(f);
    }

    private static Decision afterReconcile(Facts f) {
        boolean unknown = f.unknownBefore();
        return switch (f.outcome()) {
            case SUCCESS -> switch (f.found()) {
                case ABSENT -> new Decision(Next.SEND, false);
                // ours only if we sent it: otherwise someone else added it in the same company
                case SAME_COMPANY -> new Decision(f.sentBefore() ? Next.PROVISIONED : Next.NEEDS_REVIEW, false);
                case OTHER_COMPANY -> new Decision(Next.NEEDS_REVIEW, false);
                case NO_ANSWER -> throw new IllegalStateException("unreachable: checked by Facts");
            };
            case NOT_SENT -> new Decision(Next.NOT_SENT, unknown);
            case THROTTLED -> new Decision(Next.THROTTLED, unknown);
            case STOP -> new Decision(Next.HELD, unknown);
            // a permanent answer to a read must not end a device that may already be billed
            case PERMANENT -> new Decision(unknown ? Next.RETRY : Next.FAILED, unknown);
            case RETRYABLE -> new Decision(unknown || f.attemptsLeft() ? Next.RETRY : Next.FAILED, unknown);
            // a lost getProvider answer (the connection dropped under it) says nothing about the device: it
            // keeps what it had, and our connection's trouble never fails it (PipelineIT's apply-then-drop
            // failed a never-sent device whose three reads were each cut off by another device's drop)
            case UNKNOWN -> new Decision(Next.RETRY, unknown);
        };
    }

    private static Decision afterMerge(Facts f) {
        return switch (f.outcome()) {
            case SUCCESS -> new Decision(Next.PROVISIONED, false);
            case NOT_SENT -> new Decision(Next.NOT_SENT, false);
            case THROTTLED -> new Decision(Next.THROTTLED, false);
            case STOP -> new Decision(Next.HELD, false);
            case PERMANENT -> new Decision(Next.FAILED, false);
            case RETRYABLE -> new Decision(f.attemptsLeft() ? Next.RETRY : Next.FAILED, false);
            // written, unanswered: it may have been applied; never failed for running out of attempts
            case UNKNOWN -> new Decision(Next.RETRY, true);
        };
    }
}
