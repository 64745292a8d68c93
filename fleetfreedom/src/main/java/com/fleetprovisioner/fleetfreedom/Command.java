package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Every command the project sends. The record components are the JSON body fields, so the codec can
 * serialise a record as is; {@code reqId} is added by the codec, never carried here.
 */
public sealed interface Command {

    /** The frame name, e.g. {@code mergeProvider}. */
    @JsonIgnore
    String commandName();

    record Login(String username, String password, String userAgent) implements Command {
        public String commandName() { return "login"; }

        @Override
        public String toString() {
            return "Login[username=" + username + ", password=***, userAgent=" + userAgent + "]";
        }
    }

    record Logout() implements Command {
        public String commandName() { return "logout"; }
    }

    record Noop() implements Command {
        public String commandName() { return "noop"; }
    }

    record GetSessionDetails() implements Command {
        public String commandName() { return "getSessionDetails"; }
    }

    record GetProvider(ProviderKey provider, boolean includeDeleted) implements Command {
        public String commandName() { return "getProvider"; }
    }

    /**
     * {@code limit} and {@code after} (a provider id, exclusive) ask for one page, in id order; both absent:
     * the whole list. Paging is our decision, not the vendor's (see the simulator's README section): a server
     * that ignores them answers the whole list without {@code more}, which ends the caller's loop.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record GetProvidersList(CompanyKey company, Integer limit, String after) implements Command {
        public GetProvidersList(CompanyKey company) {
            this(company, null, null);
        }

        public String commandName() { return "getProvidersList"; }
    }

    /** Never carries {@code v}: without it the server adds the provider (see protocol §4). */
    record MergeProvider(NewProvider provider) implements Command {
        public String commandName() { return "mergeProvider"; }
    }

    record RemoveProvider(ProviderKey provider) implements Command {
        public String commandName() { return "removeProvider"; }
    }

    record RestoreProvider(ProviderKey provider) implements Command {
        public String commandName() { return "restoreProvider"; }
    }

    record GetCompaniesList(CompanyKey company, boolean tree) implements Command {
        public String commandName() { return "getCompaniesList"; }
    }

    record GetProviderConfigsList(CompanyKey company) implements Command {
        public String commandName() { return "getProviderConfigsList"; }
    }

    record ProviderKey(String id) {
    }

    record CompanyKey(long id) {
    }
}
