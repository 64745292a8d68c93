package com.fleetprovisioner.web.history;

import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.history.DeviceEvent;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The history of every device, filtered and paged by keyset, and each device's own page. */
public final class HistoryController {
    static final int PAGE_SIZE = 50;

    public record HistoryPage(HistoryFilter filter, List<DeviceRecord> devices, Optional<String> nextLink,
            String exportQuery, List<String> states, List<String> orders, Map<String, String> errors) {
    }

    public record DevicePage(DeviceRecord device, List<DeviceEvent> events) {
    }

    private final DeviceHistory history;
    private final UserService users;
    private final PageRenderer renderer;

    public HistoryController(DeviceHistory history, UserService users, PageRenderer renderer) {
        this.history = history;
        this.users = users;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/history", Access.VIEWER, this::list);
        routes.get("/history/{providerId}", Access.VIEWER, this::device);
    }

    private void list(Context ctx) {
        HistoryFilter filter = HistoryFilter.from(ctx);
        Map<String, String> errors = new HashMap<>();
        HistoryQuery query = filter.toQuery(users, Optional.ofNullable(ctx.queryParam("after")), PAGE_SIZE + 1, errors);
        List<String> states = Arrays.stream(DeviceState.values()).map(DeviceState::id).toList();
        List<String> orders = Arrays.stream(HistoryQuery.Order.values()).map(HistoryQuery.Order::id).toList();
        if (!errors.isEmpty()) {
            renderer.render(ctx, 422, "history/list",
                    new HistoryPage(filter, List.of(), Optional.empty(), filter.queryString(), states, orders, errors));
            return;
        }
        List<DeviceRecord> found = history.search(query);
        List<DeviceRecord> shown = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        Optional<String> next = found.size() > PAGE_SIZE
                ? Optional.of("/history?" + join(filter.queryString(), "after=" + cursor(query, shown.get(shown.size() - 1)).token()))
                : Optional.empty();
        renderer.render(ctx, "history/list",
                new HistoryPage(filter, shown, next, filter.queryString(), states, orders, errors));
    }

    private void device(Context ctx) {
        String providerId = ctx.pathParam("providerId");
        DeviceRecord device = history.find(providerId)
                .orElseThrow(() -> new NotFoundException("No device with the id " + providerId + " was ever submitted here"));
        renderer.render(ctx, "history/device", new DevicePage(device, history.events(device.id())));
    }

    static HistoryCursor cursor(HistoryQuery query, DeviceRecord last) {
        return new HistoryCursor(query.order() == HistoryQuery.Order.LATEST_BILLING
                ? last.billingStartedAt().orElseThrow() : last.submittedAt(), last.id());
    }

    private static String join(String query, String extra) {
        return query.isEmpty() ? extra : query + "&" + extra;
    }
}
