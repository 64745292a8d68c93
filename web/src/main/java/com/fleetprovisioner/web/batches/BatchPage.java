package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.core.provisioning.BatchProgress;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import java.util.List;
import java.util.Optional;

/**
 * A submitted batch's page. {@code live}: the page follows the batch (it has not ended); {@code eta}:
 * the time left as h:mm:ss, or a dash when nothing moves; {@code milestone}: the last quarter reached,
 * announced to assistive technology as it is passed.
 */
public record BatchPage(BatchProgress progress, long done, int percent, SplitBar bar, BatchDevicePage devices,
        Controls controls, List<DeviceState> states, BatchSummary summary,
        Optional<ShownTime> submitted, Optional<ShownTime> ended, String eta, boolean live, int milestone,
        UserZone zone) {

    /** What an operator may do to the batch now; all false for a viewer. */
    public record Controls(boolean operate, boolean pause, boolean resume, boolean cancel, long failed,
            long cancelled) {
        /** Whether any control applies now: the section is hidden otherwise (an ended, fully provisioned batch). */
        public boolean any() {
            return pause || resume || cancel || failed > 0 || cancelled > 0;
        }

        static Controls of(BatchProgress p, boolean operator) {
            boolean running = p.state() == Batch.State.SUBMITTED || p.state() == Batch.State.SENDING;
            return new Controls(operator, operator && running && !p.paused(), operator && running && p.paused(),
                    operator && running && p.remaining() > 0,
                    operator ? p.count(DeviceState.FAILED) : 0, operator ? p.count(DeviceState.CANCELLED) : 0);
        }
    }

    /** The key of the batch's state as the page names it (with failures: counted). */
    public String stateKey() {
        return "batchState." + progress.state().id();
    }
}
