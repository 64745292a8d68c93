package com.fleetprovisioner.web.dashboard;

import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/** The first page after sign-in: devices per state and the Fleet Freedom connection. */
public final class DashboardController {
    public record DashboardPage(Map<DeviceState, Long> devicesByState, long batches, ConnectionReport connection) {
    }

    private final DeviceStatistics statistics;
    private final Supplier<ConnectionReport> connection;
    private final PageRenderer renderer;

    public DashboardController(DeviceStatistics statistics, Supplier<ConnectionReport> connection, PageRenderer renderer) {
        this.statistics = statistics;
        this.connection = connection;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/", Access.VIEWER, this::show);
    }

    private void show(Context ctx) {
        renderer.render(ctx, "dashboard/index",
                new DashboardPage(statistics.countByState(), statistics.batchCount(), connection.get()));
    }
}
