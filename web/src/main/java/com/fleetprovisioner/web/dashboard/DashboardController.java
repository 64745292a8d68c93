package com.fleetprovisioner.web.dashboard;

import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.core.pacing.SendRateStatus;
import com.fleetprovisioner.core.provisioning.BillingSummary;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.web.batches.BatchRow;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first page after sign-in: devices per state, billing started today and this month in the
 * reader's zone, a chart of the last days, the recent batches and the state of the pipeline.
 */
public final class DashboardController {
    static final int CHART_DAYS = 14;
    static final int RECENT_BATCHES = 5;

    /** {@code state}: RUNNING, THROTTLED, MAINTENANCE or STOPPED; {@code heldUntil}: when sending resumes. */
    public record PipelineView(String state, String detail, Optional<String> stoppedReason, Optional<ShownTime> heldUntil) {
        static PipelineView of(PipelineStatus status, Instant now, UserZone zone) {
            return new PipelineView(status.state(now), status.detail(now), status.stoppedReason(),
                    status.heldUntil(now).map(t -> ShownTime.of(t, zone)));
        }
    }

    public record DashboardPage(Map<com.fleetprovisioner.core.provisioning.DeviceState, Long> devicesByState, long batches,
            ConnectionReport connection, PipelineView pipeline, BillingSummary billing, UserZone zone, DailyChart chart,
            List<BatchRow> recent, SendRateView sendRate) {
    }

    private final DeviceStatistics statistics;
    private final BatchListing batches;
    private final PipelineState pipeline;
    private final Supplier<ConnectionReport> connection;
    private final Supplier<SendRateStatus> sendRate;
    private final PageRenderer renderer;
    private final Clock clock;

    public DashboardController(DeviceStatistics statistics, BatchListing batches, PipelineState pipeline,
            Supplier<ConnectionReport> connection, Supplier<SendRateStatus> sendRate, PageRenderer renderer, Clock clock) {
        this.statistics = statistics;
        this.batches = batches;
        this.pipeline = pipeline;
        this.connection = connection;
        this.sendRate = sendRate;
        this.renderer = renderer;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/", Access.VIEWER, this::show);
    }

    private void show(Context ctx) {
        UserZone zone = UserZone.of(ctx);
        Instant now = clock.instant();
        BillingSummary billing = BillingSummary.of(statistics, zone.zone(), now, CHART_DAYS);
        List<BatchRow> recent = batches.search(BatchQuery.newest(RECENT_BATCHES)).stream()
                .map(b -> BatchRow.of(b, zone)).toList();
        renderer.render(ctx, "dashboard/index", new DashboardPage(statistics.countByState(), statistics.batchCount(),
                connection.get(), PipelineView.of(pipeline.read(), now, zone), billing, zone, DailyChart.of(billing), recent,
                SendRateView.of(sendRate.get(), zone)));
    }
}
