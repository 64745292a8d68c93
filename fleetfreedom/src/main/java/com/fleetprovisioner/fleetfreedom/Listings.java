package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Small reply bodies: references and lists. */
public final class Listings {

    private Listings() {
    }

    /** {@code mergeProviderResponse.provider} (and remove/restore): no version, no timestamps. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProviderRef(String id, Long company) {
    }

    /** {@code more}: true when a paged request has further pages; absent from a whole list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProvidersList(Command.CompanyKey company, List<Provider> providers, Boolean more) {
        public ProvidersList {
            providers = providers == null ? List.of() : List.copyOf(providers);
        }

        public ProvidersList(Command.CompanyKey company, List<Provider> providers) {
            this(company, providers, null);
        }

        public boolean hasMore() {
            return Boolean.TRUE.equals(more);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Company(long id, String name, Long parent) {
    }

    public record CompaniesList(List<Company> companies) {
        public CompaniesList {
            companies = companies == null ? List.of() : List.copyOf(companies);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProviderConfig(long id, Long company, String name, String kind) {
    }

    public record ProviderConfigsList(Command.CompanyKey company, List<ProviderConfig> providerConfigs) {
        public ProviderConfigsList {
            providerConfigs = providerConfigs == null ? List.of() : List.copyOf(providerConfigs);
        }
    }
}
