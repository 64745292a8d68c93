package com.fleetprovisioner.web.search;

import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.core.search.DeviceHit;
import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.search.IdMatch;
import com.fleetprovisioner.web.batches.BatchRow;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.QueryString;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The header's search box: devices whose id contains what was typed and batches whose file name
 * does, each capped, with a link to the whole filtered history or batches list when there is more.
 */
public final class SearchController {
    static final int SHOWN = 20;
    /** As long as the longest file name kept (batch.file_name). */
    static final int MAX_QUERY = 255;

    /**
     * {@code tooLong}: the text was longer than any id or file name, so nothing was searched.
     * {@code idMatch}: how the devices were matched (on H2 perhaps the start of the id only, or part of them searched).
     */
    public record SearchPage(String q, List<DeviceRow> devices, boolean moreDevices, String devicesLink,
            List<BatchRow> batches, boolean moreBatches, String batchesLink, boolean tooLong, UserZone zone,
            Optional<IdMatch> idMatch) {
    }

    public record DeviceRow(DeviceHit device, ShownTime submitted) {
    }

    private final DeviceSearch devices;
    private final BatchListing batches;
    private final PageRenderer renderer;

    public SearchController(DeviceSearch devices, BatchListing batches, PageRenderer renderer) {
        this.devices = devices;
        this.batches = batches;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/search", Access.VIEWER, this::search);
    }

    private void search(Context ctx) {
        UserZone zone = UserZone.of(ctx);
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        boolean tooLong = q.length() > MAX_QUERY;
        String searched = tooLong ? "" : q;
        List<DeviceHit> deviceHits = searched.isEmpty() ? List.of() : devices.byIdFragment(searched, SHOWN + 1);
        var batchHits = searched.isEmpty() ? List.<com.fleetprovisioner.core.intake.BatchSummary>of()
                : batches.search(new BatchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(searched), Optional.empty(), SHOWN + 1));
        renderer.render(ctx, tooLong ? 422 : 200, "search/results", new SearchPage(searched,
                deviceHits.stream().limit(SHOWN).map(d -> new DeviceRow(d, ShownTime.of(d.submittedAt(), zone))).toList(),
                deviceHits.size() > SHOWN, "/history?" + QueryString.of("q", searched),
                batchHits.stream().limit(SHOWN).map(b -> BatchRow.of(b, zone)).toList(), batchHits.size() > SHOWN,
                "/batches?" + QueryString.of("name", searched), tooLong, zone,
                Optional.of(searched).filter(s -> !s.isEmpty()).map(devices::howMatched)));
    }
}
