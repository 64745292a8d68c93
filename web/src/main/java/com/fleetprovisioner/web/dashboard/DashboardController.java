package com.fleetprovisioner.web.dashboard;

import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.core.pacing.SendRateStatus;
import com.fleetprovisioner.core.provisioning.BillingSummary;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.web.batches.BatchRow;
import java.util.LinkedHashMap;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    /** Batches that ended with failures, shown as an alert at the top: the newest few. */
    static final int FAILING_BATCHES = 3;

    /** {@code detail}: why sending is held, in the reader's language; {@code heldUntil}: when sending resumes. */
    public record PipelineView(PipelineStatus.State state, String detail, Optional<String> stoppedReason, Optional<ShownTime> heldUntil) {
        static PipelineView of(PipelineStatus status, Instant now, UserZone zone, Locale locale) {
            return new PipelineView(status.state(now), Texts.render(status.detail(now), locale, zone),
                    status.stoppedReason(), status.heldUntil(now).map(t -> ShownTime.of(t, zone)));
        }
    }

    public record DashboardPage(Map<com.fleetprovisioner.core.provisioning.DeviceState, Long> devicesByState, long batches,
            ConnectionReport connection, PipelineView pipeline, BillingSummary billing, UserZone zone, DailyChart chart,
            List<BatchRow> recent, List<BatchRow> failing, SendRateView sendRate) {
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
        List<BatchRow> recent = recent().stream().map(b -> BatchRow.of(b, zone)).toList();
        List<BatchRow> failing = inState(Batch.State.COMPLETED_WITH_FAILURES, FAILING_BATCHES).stream()
                .map(b -> BatchRow.of(b, zone)).toList();
        renderer.render(ctx, "dashboard/index", new DashboardPage(statistics.countByState(), statistics.batchCount(),
                connection.get(), PipelineView.of(pipeline.read(), now, zone, renderer.locale(ctx)), billing, zone,
                DailyChart.of(billing), recent, failing, SendRateView.of(sendRate.get(), zone)));
    }

    /** Running batches first (sending, then submitted), then the newest others; drafts have their own list. */
    private List<BatchSummary> recent() {
        Map<Long, BatchSummary> shown = new LinkedHashMap<>();
        inState(Batch.State.SENDING, RECENT_BATCHES).forEach(b -> shown.putIfAbsent(b.id(), b));
        inState(Batch.State.SUBMITTED, RECENT_BATCHES).forEach(b -> shown.putIfAbsent(b.id(), b));
        batches.search(BatchQuery.newest(RECENT_BATCHES)).forEach(b -> shown.putIfAbsent(b.id(), b));
        return shown.values().stream().limit(RECENT_BATCHES).toList();
    }

    private List<BatchSummary> inState(Batch.State state, int limit) {
        return batches.search(new BatchQuery(Optional.of(state), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit));
    }
}
