package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The commands the project uses. Futures never complete exceptionally: every end is a {@link CommandOutcome}. */
public interface FleetFreedomApi {

    <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request);

    /** A hint that a connection is wanted now: one waiting to reconnect tries at once. Nothing by default. */
    default void reconnectNow() {
    }

    /** Absent (error 43) is a success with an empty Optional: the normal answer during reconcile. */
    default CompletableFuture<CommandOutcome<Optional<Provider>>> getProvider(String id, boolean includeDeleted) {
        return execute(Request.getProvider(id, includeDeleted));
    }

    default CompletableFuture<CommandOutcome<Listings.ProviderRef>> mergeProvider(NewProvider provider) {
        return execute(Request.mergeProvider(provider));
    }

    default CompletableFuture<CommandOutcome<Listings.ProviderRef>> removeProvider(String id) {
        return execute(Request.removeProvider(id));
    }

    default CompletableFuture<CommandOutcome<Listings.ProviderRef>> restoreProvider(String id) {
        return execute(Request.restoreProvider(id));
    }

    default CompletableFuture<CommandOutcome<Listings.ProvidersList>> getProvidersList(long company) {
        return execute(Request.getProvidersList(company));
    }

    default CompletableFuture<CommandOutcome<Listings.ProvidersList>> getProvidersPage(long company, int limit,
            String after) {
        return execute(Request.getProvidersPage(company, limit, after));
    }

    default CompletableFuture<CommandOutcome<Listings.CompaniesList>> getCompaniesList(long company, boolean tree) {
        return execute(Request.getCompaniesList(company, tree));
    }

    default CompletableFuture<CommandOutcome<Listings.ProviderConfigsList>> getProviderConfigsList(long company) {
        return execute(Request.getProviderConfigsList(company));
    }

    default CompletableFuture<CommandOutcome<SessionInfo>> getSessionDetails() {
        return execute(Request.getSessionDetails());
    }

    default CompletableFuture<CommandOutcome<JsonNode>> noop() {
        return execute(Request.noop());
    }
}
