package com.fleetprovisioner.web.history;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.history.TimelineEntry;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.search.IdMatch;
import com.fleetprovisioner.core.history.HistoryTotals;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.pickers.Picker;
import com.fleetprovisioner.web.pickers.Pickers;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The history of every device, filtered and paged by keyset, and each device's own page. */
public final class HistoryController {
    static final int PAGE_SIZE = 50;

    /**
     * {@code firstLink}, {@code previousLink}: only away from the first page (no previous in the billing
     * order, whose keyset runs one way). {@code total}: exact from the counters or estimated (never counted).
     */
    public record HistoryPage(HistoryFilter filter, List<DeviceRecord> devices, Optional<String> nextLink,
            String exportQuery, List<String> states, List<String> orders, Map<String, String> errors,
            Optional<String> firstLink, Optional<String> previousLink, Optional<HistoryTotals.Total> total,
            Filters pickers, Optional<IdMatch> idMatch, Map<Long, String> lastErrors) {

        /** An estimate to three significant digits (12,437 shows as "about 12,400"): it is no more precise. */
        public long roundedTotal() {
            long n = total.map(HistoryTotals.Total::devices).orElse(0L);
            long unit = 1;
            while (n / unit >= 1000) {
                unit *= 10;
            }
            return Math.round((double) n / unit) * unit;
        }
    }

    /** The filter's pickers: kinds, the account's companies, our users. */
    public record Filters(Picker kinds, Picker companies, Picker submitters) {
    }

    /** {@code canRequeue}: an operator looks at a failed or cancelled device. */
    /** {@code lastError}: the device's last error in the reader's language, empty when it has none. */
    public record DevicePage(DeviceRecord device, List<Step> events, boolean canRequeue, String lastError) {
    }

    /** One step of the timeline with its text in the reader's language (empty for an old row with none). */
    public record Step(TimelineEntry entry, String text) {
        static Step of(TimelineEntry e, Locale locale, UserZone zone) {
            return new Step(e, e.text().map(t -> Texts.render(t, locale, zone)).orElse(""));
        }
    }

    private final DeviceHistory history;
    private final HistoryTotals totals;
    private final UserService users;
    private final BatchControlService control;
    private final PageRenderer renderer;
    private final Flash flash;
    private final Pickers pickers;
    private final DeviceSearch search;

    /** {@code search}: says how the id filter matched (H2 may match the start only, or search part). */
    public HistoryController(DeviceHistory history, HistoryTotals totals, UserService users, BatchControlService control,
            PageRenderer renderer, Flash flash, Pickers pickers, DeviceSearch search) {
        this.pickers = pickers;
        this.search = search;
        this.history = history;
        this.totals = totals;
        this.users = users;
        this.control = control;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/history", Access.VIEWER, this::list);
        routes.get("/history/{providerId}", Access.VIEWER, this::device);
        routes.post("/history/{providerId}/requeue", Access.OPERATOR, this::requeue);
    }

    private void list(Context ctx) {
        HistoryFilter filter = HistoryFilter.from(ctx);
        Map<String, String> errors = new HashMap<>();
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after")).filter(t -> !t.isEmpty());
        Optional<String> before = Optional.ofNullable(ctx.queryParam("before")).filter(t -> !t.isEmpty());
        HistoryQuery forward = filter.toQuery(users, after, PAGE_SIZE + 1, errors);
        Optional<HistoryCursor> beforeCursor = before.flatMap(HistoryCursor::parse)
                .filter(c -> forward.order() != HistoryQuery.Order.LATEST_BILLING);
        boolean backwards = beforeCursor.isPresent();
        HistoryQuery asked = beforeCursor.map(forward::after).orElse(forward);
        List<String> states = Arrays.stream(DeviceState.values()).map(DeviceState::id).toList();
        List<String> orders = Arrays.stream(HistoryQuery.Order.values()).map(HistoryQuery.Order::id).toList();
        if (!errors.isEmpty()) {
            renderer.render(ctx, 422, "history/list", new HistoryPage(filter, List.of(), Optional.empty(),
                    filter.queryString(), states, orders, errors, Optional.empty(), Optional.empty(), Optional.empty(),
                    filters(filter), Optional.empty(), Map.of()));
            return;
        }
        List<DeviceRecord> found = history.search(backwards ? reversed(asked) : asked);
        List<DeviceRecord> shown = new ArrayList<>(found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
        boolean morePast = found.size() > PAGE_SIZE;
        if (backwards) {
            Collections.reverse(shown);
        }
        boolean hasNext = backwards ? !shown.isEmpty() : morePast;
        boolean hasPrevious = (backwards ? morePast : after.isPresent()) && !shown.isEmpty()
                && asked.order() != HistoryQuery.Order.LATEST_BILLING;
        boolean firstPage = after.isEmpty() && (!backwards || !hasPrevious);
        String base = filter.queryString();
        Optional<String> next = hasNext ? Optional.of(link(base, "after", cursor(asked, shown.get(shown.size() - 1))))
                : Optional.empty();
        Optional<String> previous = hasPrevious ? Optional.of(link(base, "before", cursor(asked, shown.get(0))))
                : Optional.empty();
        Optional<String> first = firstPage ? Optional.empty() : Optional.of(base.isEmpty() ? "/history" : "/history?" + base);
        renderer.render(ctx, "history/list", new HistoryPage(filter, shown, next, base, states, orders, errors, first,
                previous, totals.about(asked), filters(filter), asked.idPrefix().map(search::howMatched), lastErrors(ctx, shown)));
    }

    /** Each shown device's last error in the reader's language, by device id. */
    private Map<Long, String> lastErrors(Context ctx, List<DeviceRecord> shown) {
        Locale locale = renderer.locale(ctx);
        UserZone zone = UserZone.of(ctx);
        Map<Long, String> texts = new java.util.HashMap<>();
        shown.forEach(d -> d.lastErrorMessage().ifPresent(t -> texts.put(d.id(), Texts.render(t, locale, zone))));
        return texts;
    }

    private Filters filters(HistoryFilter filter) {
        return new Filters(pickers.kinds(filter.kind()), pickers.companies(filter.company()),
                pickers.submitters(filter.submitter()));
    }

    /** The same filter read the other way from the cursor: the page before it, in reverse. */
    private static HistoryQuery reversed(HistoryQuery q) {
        HistoryQuery.Order other = q.order() == HistoryQuery.Order.NEWEST_SUBMITTED
                ? HistoryQuery.Order.OLDEST_SUBMITTED : HistoryQuery.Order.NEWEST_SUBMITTED;
        return new HistoryQuery(q.state(), q.batchId(), q.kind(), q.companyId(), q.submittedBy(), q.dateField(), q.from(),
                q.to(), q.idPrefix(), other, q.after(), q.limit());
    }

    private static String link(String query, String name, HistoryCursor cursor) {
        return "/history?" + join(query, name + "=" + cursor.token());
    }

    private void device(Context ctx) {
        DeviceRecord device = find(ctx.pathParam("providerId"));
        boolean operator = Principal.require(ctx).user().role().includes(Role.OPERATOR);
        boolean requeueable = device.state() == DeviceState.FAILED || device.state() == DeviceState.CANCELLED;
        Locale locale = renderer.locale(ctx);
        UserZone zone = UserZone.of(ctx);
        List<Step> steps = history.events(device.id()).stream().map(e -> Step.of(e, locale, zone)).toList();
        String lastError = device.lastErrorMessage().map(t -> Texts.render(t, locale, zone)).orElse("");
        renderer.render(ctx, "history/device", new DevicePage(device, steps, operator && requeueable, lastError));
    }

    /** A person decided a failed or cancelled device should be tried again (audited by the service). */
    private void requeue(Context ctx) {
        DeviceRecord device = find(ctx.pathParam("providerId"));
        try {
            control.requeueDevice(Principal.actor(ctx), device.id());
            flash.set(ctx, "history.flash.requeued", device.providerId());
        } catch (ValidationException e) {
            flash.text(ctx, e.first());
        }
        ctx.redirect("/history/" + URLEncoder.encode(device.providerId(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private DeviceRecord find(String providerId) {
        return history.find(providerId)
                .orElseThrow(() -> new NotFoundException("notFound.submitted", providerId));
    }

    static HistoryCursor cursor(HistoryQuery query, DeviceRecord last) {
        return new HistoryCursor(query.order() == HistoryQuery.Order.LATEST_BILLING
                ? last.billingStartedAt().orElseThrow() : last.submittedAt(), last.id());
    }

    private static String join(String query, String extra) {
        return query.isEmpty() ? extra : query + "&" + extra;
    }
}
