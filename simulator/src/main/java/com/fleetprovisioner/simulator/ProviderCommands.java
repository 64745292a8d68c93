package com.fleetprovisioner.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.fleetfreedom.Listings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Providers, companies and configurations commands; the caller has checked the session. */
final class ProviderCommands {

    /** Kinds in use (§4); the others in the vendor enum are obsolete and {@code unknown} is never valid. */
    static final List<String> KINDS = List.of("genx", "mobile", "datatrans", "lbs", "smartwitness", "calamp",
            "bewhere", "atrack", "teltonika", "queclink");
    static final int ID_MIN = 10;
    static final int ID_MAX = 50;

    record MergeResult(ObjectNode reply, Ledger.Outcome outcome) {
    }

    private final World world;
    private final Replies replies;
    private final SimulatorConfig.DuplicatePolicy duplicatePolicy;

    ProviderCommands(World world, Replies replies, SimulatorConfig.DuplicatePolicy duplicatePolicy) {
        this.world = world;
        this.replies = replies;
        this.duplicatePolicy = duplicatePolicy;
    }

    ObjectNode getProvider(Session s, JsonNode reqId, JsonNode body) {
        String id = body.path("provider").path("id").asText("");
        boolean includeDeleted = body.path("includeDeleted").asBoolean(false);
        Optional<World.StoredProvider> p = world.provider(id)
                .filter(x -> includeDeleted || !x.deleted())
                .filter(x -> world.mayAccess(s.user().company(), x.company()));
        if (p.isEmpty()) {
            return replies.error(reqId, ErrorCode.providerNotFound, "Provider not found");
        }
        ObjectNode reply = replies.ok(reqId);
        reply.set("provider", replies.tree(p.get().toWire()));
        return reply;
    }

    /** Largest page a paged {@code getProvidersList} returns, whatever it asks for. */
    static final int MAX_PAGE = 10_000;

    /**
     * The whole list, or with {@code limit} (and {@code after}, a provider id) one page in id order and
     * {@code more} (our paging decision; see the README's simulator section).
     */
    ObjectNode getProvidersList(Session s, JsonNode reqId, JsonNode body) {
        if (!body.has("limit")) {
            return companyListing(s, reqId, body, "providers", world::providersOf);
        }
        JsonNode limit = body.get("limit");
        JsonNode after = body.path("after");
        if (!limit.canConvertToInt() || limit.asInt() < 1 || !(after.isMissingNode() || after.isNull() || after.isTextual())) {
            return replies.error(reqId, ErrorCode.invalidData, "limit must be a positive whole number, after a provider id",
                    replies.details("minMax").put("min", 1).put("max", MAX_PAGE));
        }
        int size = Math.min(MAX_PAGE, limit.asInt());
        String from = after.isTextual() ? after.asText() : null;
        Listings.ProvidersList[] page = new Listings.ProvidersList[1];
        ObjectNode reply = companyListing(s, reqId, body, "providers",
                company -> (page[0] = world.providersPage(company, size, from)).providers());
        if (page[0] != null) {
            reply.put("more", page[0].hasMore());
        }
        return reply;
    }

    /** The answer shape of the per-company lists: {@code {company:{id}, <field>:[…]}}, after the permission check. */
    private ObjectNode companyListing(Session s, JsonNode reqId, JsonNode body, String field,
            java.util.function.LongFunction<Object> listing) {
        long company = body.path("company").path("id").asLong(-1);
        Optional<ObjectNode> refused = checkCompany(s, reqId, company);
        if (refused.isPresent()) {
            return refused.get();
        }
        ObjectNode reply = replies.ok(reqId);
        reply.set("company", replies.object().put("id", company));
        reply.set(field, replies.tree(listing.apply(company)));
        return reply;
    }

    ObjectNode getCompaniesList(Session s, JsonNode reqId, JsonNode body) {
        long company = body.path("company").path("id").asLong(s.user().company());
        Optional<ObjectNode> refused = checkCompany(s, reqId, company);
        if (refused.isPresent()) {
            return refused.get();
        }
        ObjectNode reply = replies.ok(reqId);
        reply.set("companies", replies.tree(world.companyTree(company, body.path("tree").asBoolean(false))));
        return reply;
    }

    ObjectNode getProviderConfigsList(Session s, JsonNode reqId, JsonNode body) {
        return companyListing(s, reqId, body, "providerConfigs", world::configurationsOf);
    }

    ObjectNode removeOrRestore(Session s, JsonNode reqId, JsonNode body, boolean remove, Instant now) {
        String id = body.path("provider").path("id").asText("");
        Optional<World.StoredProvider> found = world.provider(id)
                .filter(x -> world.mayAccess(s.user().company(), x.company()));
        if (found.isEmpty()) {
            return replies.error(reqId, ErrorCode.providerNotFound, "Provider not found");
        }
        World.StoredProvider p = found.get();
        if (p.deleted() == remove) {
            return replies.error(reqId, ErrorCode.invalidOperation,
                    remove ? "Provider is already deleted" : "Provider is not deleted");
        }
        world.putProvider(new World.StoredProvider(p.id(), p.company(), p.kind(), p.name(), p.configuration(),
                p.password(), p.phoneNumber(), remove, now, p.created(), p.version() + 1));
        return refReply(reqId, p.id(), p.company());
    }

    /** Validates and applies a merge; never applies anything when the reply is an error. */
    MergeResult merge(Session s, JsonNode reqId, JsonNode body, Instant now) {
        JsonNode p = body.path("provider");
        if (!p.isObject()) {
            return rejected(replies.error(reqId, ErrorCode.invalidData, "provider is required",
                    replies.details("input").put("input", "provider")));
        }
        Optional<ObjectNode> invalid = validate(s, reqId, p);
        if (invalid.isPresent()) {
            return rejected(invalid.get());
        }
        String id = p.path("id").asText();
        Optional<World.StoredProvider> existing = world.provider(id);
        if (p.has("v")) {
            return existing.isPresent() ? update(reqId, existing.get(), p, now)
                    : rejected(replies.error(reqId, ErrorCode.providerNotFound, "Provider not found"));
        }
        if (existing.isPresent()) {
            if (duplicatePolicy == SimulatorConfig.DuplicatePolicy.UPDATE) {
                return update(reqId, existing.get(), p, now);
            }
            return rejected(replies.error(reqId, ErrorCode.invalidData, "Provider " + id + " already exists",
                    replies.details("input").put("input", id)));
        }
        World.StoredProvider created = new World.StoredProvider(id, p.path("company").asLong(), p.path("kind").asText(),
                text(p, "name"), config(p), text(p, "password"), phone(p), false, now, now, 1);
        world.putProvider(created);
        return new MergeResult(refReply(reqId, id, created.company()), Ledger.Outcome.CREATED);
    }

    private Optional<ObjectNode> validate(Session s, JsonNode reqId, JsonNode p) {
        JsonNode idNode = p.path("id");
        if (!idNode.isTextual() && !idNode.isNumber()) {
            return Optional.of(replies.error(reqId, ErrorCode.invalidData, "provider.id is required",
                    replies.details("input").put("input", "id")));
        }
        int length = idNode.asText().length();
        if (length < ID_MIN || length > ID_MAX) {
            return Optional.of(replies.error(reqId, ErrorCode.invalidData,
                    "provider.id must be " + ID_MIN + " to " + ID_MAX + " characters",
                    replies.details("minMax").put("min", ID_MIN).put("max", ID_MAX)));
        }
        String kind = p.path("kind").asText("");
        if (!KINDS.contains(kind)) {
            ObjectNode d = replies.details("enum").put("input", kind);
            d.set("valid", replies.tree(KINDS));
            return Optional.of(replies.error(reqId, ErrorCode.invalidData, "Unknown provider kind '" + kind + "'", d));
        }
        Optional<ObjectNode> companyProblem = checkCompany(s, reqId, p.path("company").asLong(-1));
        if (companyProblem.isPresent()) {
            return companyProblem;
        }
        Long config = config(p);
        if (config != null && !world.configurationExists(config)) {
            return Optional.of(replies.error(reqId, ErrorCode.providerConfigurationNotFound,
                    "Provider configuration " + config + " not found"));
        }
        if (tooLong(p, "password", 50) || tooLong(p, "name", 100)) {
            return Optional.of(replies.error(reqId, ErrorCode.invalidData, "password or name too long",
                    replies.details("minMax").put("min", 0).put("max", tooLong(p, "password", 50) ? 50 : 100)));
        }
        return Optional.empty();
    }

    private Optional<ObjectNode> checkCompany(Session s, JsonNode reqId, long company) {
        if (!world.companyExists(company)) {
            return Optional.of(replies.error(reqId, ErrorCode.companyNotFound, "Company " + company + " not found"));
        }
        if (!world.mayAccess(s.user().company(), company)) {
            return Optional.of(replies.error(reqId, ErrorCode.permissionDenied,
                    "Permission denied on company " + company));
        }
        return Optional.empty();
    }

    private MergeResult update(JsonNode reqId, World.StoredProvider old, JsonNode p, Instant now) {
        World.StoredProvider merged = new World.StoredProvider(old.id(), p.path("company").asLong(old.company()),
                p.path("kind").asText(old.kind()), or(text(p, "name"), old.name()), or(config(p), old.configuration()),
                or(text(p, "password"), old.password()), or(phone(p), old.phoneNumber()), old.deleted(), now,
                old.created(), old.version() + 1);
        world.putProvider(merged);
        return new MergeResult(refReply(reqId, merged.id(), merged.company()), Ledger.Outcome.UPDATED);
    }

    private ObjectNode refReply(JsonNode reqId, String id, long company) {
        ObjectNode reply = replies.ok(reqId);
        reply.set("provider", replies.tree(new Listings.ProviderRef(id, company)));
        return reply;
    }

    private static MergeResult rejected(ObjectNode reply) {
        return new MergeResult(reply, Ledger.Outcome.REJECTED);
    }

    /** Both spellings are accepted (§4): {@code config}/{@code configuration}, {@code phoneNumber}/{@code phone}. */
    private static Long config(JsonNode p) {
        JsonNode c = p.has("config") ? p.get("config") : p.get("configuration");
        return c == null || c.isNull() ? null : c.asLong();
    }

    private static String phone(JsonNode p) {
        return p.has("phoneNumber") ? text(p, "phoneNumber") : text(p, "phone");
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static boolean tooLong(JsonNode p, String field, int max) {
        String v = text(p, field);
        return v != null && v.length() > max;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
