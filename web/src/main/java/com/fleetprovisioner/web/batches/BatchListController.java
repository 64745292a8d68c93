package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every batch, newest first, filtered and paged by keyset (created at, id) like the history. */
public final class BatchListController {
    static final int PAGE_SIZE = 25;

    /** {@code errors}: message keys per field; the form is shown again with them (422). */
    /** {@code drafts}: uploads previewed but not submitted, listed apart on the first page (newest first). */
    public record BatchListPage(BatchFilter filter, List<BatchRow> batches, Optional<String> nextLink,
            List<String> states, Map<String, String> errors, UserZone zone, boolean firstPage, List<BatchRow> drafts) {
    }

    static final int DRAFTS_SHOWN = 20;

    private final BatchListing listing;
    private final UserService users;
    private final PageRenderer renderer;

    public BatchListController(BatchListing listing, UserService users, PageRenderer renderer) {
        this.listing = listing;
        this.users = users;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/batches", Access.VIEWER, this::list);
    }

    private void list(Context ctx) {
        UserZone zone = UserZone.of(ctx);
        BatchFilter filter = BatchFilter.from(ctx);
        Optional<String> afterToken = Optional.ofNullable(ctx.queryParam("after")).filter(t -> !t.isEmpty());
        Optional<HistoryCursor> after = afterToken.flatMap(HistoryCursor::parse);
        if (afterToken.isPresent() && after.isEmpty()) {
            throw new BadRequestResponse("batches.error.cursor");
        }
        Map<String, String> errors = new HashMap<>();
        BatchQuery query = filter.toQuery(users, zone.zone(), after, PAGE_SIZE + 1, errors);
        List<String> states = Arrays.stream(Batch.State.values()).map(Batch.State::id).toList();
        if (!errors.isEmpty()) {
            renderer.render(ctx, 422, "batches/list",
                    new BatchListPage(filter, List.of(), Optional.empty(), states, errors, zone, after.isEmpty(), List.of()));
            return;
        }
        List<BatchSummary> found = listing.search(query);
        List<BatchSummary> shown = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        Optional<String> next = found.size() > PAGE_SIZE ? Optional.of("/batches?"
                + join(filter.queryString(), "after=" + shown.get(shown.size() - 1).cursor().token())) : Optional.empty();
        List<BatchRow> drafts = after.isPresent() ? List.of() : listing.search(new BatchQuery(Optional.of(Batch.State.DRAFT),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DRAFTS_SHOWN))
                .stream().map(b -> BatchRow.of(b, zone)).toList();
        renderer.render(ctx, "batches/list", new BatchListPage(filter, shown.stream().map(b -> BatchRow.of(b, zone)).toList(),
                next, states, errors, zone, after.isEmpty(), drafts));
    }

    private static String join(String query, String extra) {
        return query.isEmpty() ? extra : query + "&" + extra;
    }
}
