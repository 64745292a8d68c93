package com.fleetprovisioner.web.reconcile;

import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRun;
import com.fleetprovisioner.web.batches.BatchController;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run as the pages show it: times in the reader's zone, the starter's name, the duration as h:mm:ss,
 * counts by category id (in the categories' order) and how far it got.
 */
public record RunView(ReconcileRun run, String startedBy, ShownTime requested, Optional<ShownTime> ended,
        String duration, Map<String, Long> counts, int percent) {

    static RunView of(ReconcileRun run, UserService users, UserZone zone, Instant now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ReconcileCategory c : ReconcileCategory.values()) {
            counts.put(c.id(), run.count(c));
        }
        String who = run.startedBy().map(id -> {
            try {
                return users.get(id).username();
            } catch (RuntimeException e) {
                return "#" + id;
            }
        }).orElse("system");
        int percent = run.state() == ReconcileRun.State.COMPLETED ? 100
                : run.companiesTotal() == 0 ? 0 : run.companiesDone() * 100 / run.companiesTotal();
        return new RunView(run, who, ShownTime.of(run.requestedAt(), zone), run.endedAt().map(t -> ShownTime.of(t, zone)),
                BatchController.eta(run.duration(now)), counts, percent);
    }
}
