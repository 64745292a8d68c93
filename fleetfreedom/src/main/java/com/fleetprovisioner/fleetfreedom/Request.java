package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A command with the knowledge of how to read its reply. {@code absentCode} is an error code that means
 * "not there" for this command and is therefore a success with an empty answer (43 for getProvider).
 *
 * <p>{@code settleBy}, when present, fences the command: it must be settled — answered, or its reply
 * timeout over — by then (the caller's lease end less a margin). A client therefore writes it only
 * before {@link #writeBy(Duration) settleBy minus its reply timeout}; past that it completes as
 * {@link CommandOutcome.NotSent} without touching the socket, however long it waited (pause, reconnect).
 */
public record Request<T>(Command command, ResponseReader<T> reader, ErrorCode absentCode, Optional<Instant> settleBy) {

    public Request(Command command, ResponseReader<T> reader, ErrorCode absentCode) {
        this(command, reader, absentCode, Optional.empty());
    }

    /** The same command, fenced: settled (answered or timed out) by {@code deadline} or never written. */
    public Request<T> settledBy(Instant deadline) {
        return new Request<>(command, reader, absentCode, Optional.of(deadline));
    }

    /** The last moment the frame may be written by a client that waits {@code replyTimeout} for answers. */
    public Optional<Instant> writeBy(Duration replyTimeout) {
        return settleBy.map(t -> t.minus(replyTimeout));
    }

    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(Inbound.Reply reply, FrameCodec codec);
    }

    public static Request<Optional<Provider>> getProvider(String id, boolean includeDeleted) {
        return new Request<>(new Command.GetProvider(new Command.ProviderKey(id), includeDeleted),
                (r, c) -> r.code() == ErrorCode.providerNotFound
                        ? Optional.empty()
                        : Optional.ofNullable(c.read(r.body().get("provider"), Provider.class)),
                ErrorCode.providerNotFound);
    }

    public static Request<Listings.ProviderRef> mergeProvider(NewProvider provider) {
        return new Request<>(new Command.MergeProvider(provider), Request::providerRef, null);
    }

    public static Request<Listings.ProviderRef> removeProvider(String id) {
        return new Request<>(new Command.RemoveProvider(new Command.ProviderKey(id)), Request::providerRef, null);
    }

    public static Request<Listings.ProviderRef> restoreProvider(String id) {
        return new Request<>(new Command.RestoreProvider(new Command.ProviderKey(id)), Request::providerRef, null);
    }

    public static Request<Listings.ProvidersList> getProvidersList(long company) {
        return new Request<>(new Command.GetProvidersList(new Command.CompanyKey(company)),
                (r, c) -> c.read(r.body(), Listings.ProvidersList.class), null);
    }

    /** One page of a company's providers, in id order after {@code after} (null: from the start). */
    public static Request<Listings.ProvidersList> getProvidersPage(long company, int limit, String after) {
        return new Request<>(new Command.GetProvidersList(new Command.CompanyKey(company), limit, after),
                (r, c) -> c.read(r.body(), Listings.ProvidersList.class), null);
    }

    public static Request<Listings.CompaniesList> getCompaniesList(long company, boolean tree) {
        return new Request<>(new Command.GetCompaniesList(new Command.CompanyKey(company), tree),
                (r, c) -> c.read(r.body(), Listings.CompaniesList.class), null);
    }

    public static Request<Listings.ProviderConfigsList> getProviderConfigsList(long company) {
        return new Request<>(new Command.GetProviderConfigsList(new Command.CompanyKey(company)),
                (r, c) -> c.read(r.body(), Listings.ProviderConfigsList.class), null);
    }

    public static Request<SessionInfo> getSessionDetails() {
        return new Request<>(new Command.GetSessionDetails(), (r, c) -> c.read(r.body(), SessionInfo.class), null);
    }

    public static Request<JsonNode> noop() {
        return new Request<>(new Command.Noop(), (r, c) -> r.body(), null);
    }

    public static Request<JsonNode> logout() {
        return new Request<>(new Command.Logout(), (r, c) -> r.body(), null);
    }

    static Request<SessionInfo> login(String username, String password, String userAgent) {
        return new Request<>(new Command.Login(username, password, userAgent),
                (r, c) -> c.read(r.body(), SessionInfo.class), null);
    }

    private static Listings.ProviderRef providerRef(Inbound.Reply r, FrameCodec c) {
        return c.read(r.body().get("provider"), Listings.ProviderRef.class);
    }
}
