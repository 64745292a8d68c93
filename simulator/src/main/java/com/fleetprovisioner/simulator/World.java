package com.fleetprovisioner.simulator;

import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulated Fleet Freedom data: companies (a tree), users, providers, configurations. Thread-safe. */
public final class World {

    /** A provider as stored, with the moment billing started ({@code created}). */
    public record StoredProvider(String id, long company, String kind, String name, Long configuration,
                                 String password, String phoneNumber, boolean deleted, Instant since,
                                 Instant created, long version) {

        Provider toWire() {
            return new Provider(id, company, kind, name, null, null, configuration, password, phoneNumber, null,
                    null, null, deleted ? Boolean.TRUE : null, null, since, List.of(version, 0L, 0L));
        }

        @Override
        public String toString() {
            return "StoredProvider[id=" + id + ", company=" + company + ", kind=" + kind + ", deleted=" + deleted
                    + ", created=" + created + "]";
        }
    }

    private final Map<Long, SimulatorConfig.SeedCompany> companies = new LinkedHashMap<>();
    private final Map<String, SimulatorConfig.SeedUser> users = new LinkedHashMap<>();
    private final Map<Long, SimulatorConfig.SeedConfiguration> configurations = new LinkedHashMap<>();
    private final Map<String, StoredProvider> providers = new LinkedHashMap<>();
    /** Provider ids per company in id order, for paged lists (deleted ones included; filtered when read). */
    private final Map<Long, java.util.NavigableSet<String>> idsByCompany = new java.util.HashMap<>();

    World(SimulatorConfig config) {
        config.companies().forEach(this::addCompany);
        config.users().forEach(this::addUser);
        config.configurations().forEach(this::addConfiguration);
        Instant now = Instant.now();
        config.providers().forEach(p -> putProvider(new StoredProvider(p.id(), p.company(), p.kind(), null, null, null,
                null, false, now, now, 1)));
    }

    public synchronized void addCompany(SimulatorConfig.SeedCompany company) {
        companies.put(company.id(), company);
    }

    public synchronized void addUser(SimulatorConfig.SeedUser user) {
        users.put(user.username(), user);
    }

    public synchronized void addConfiguration(SimulatorConfig.SeedConfiguration configuration) {
        configurations.put(configuration.id(), configuration);
    }

    public synchronized void putProvider(StoredProvider provider) {
        StoredProvider old = providers.put(provider.id(), provider);
        if (old != null && old.company() != provider.company()) {
            idsByCompany.getOrDefault(old.company(), new java.util.TreeSet<>()).remove(old.id());
        }
        idsByCompany.computeIfAbsent(provider.company(), c -> new java.util.TreeSet<>()).add(provider.id());
    }

    /**
     * Someone else's change in Fleet Freedom (control API): the provider marked deleted, as {@code removeProvider}
     * does, or moved to another company. False when there is no such provider.
     */
    public synchronized boolean changeProvider(String id, boolean delete, Long company, Instant now) {
        StoredProvider p = providers.get(id);
        if (p == null) {
            return false;
        }
        putProvider(new StoredProvider(p.id(), company == null ? p.company() : company, p.kind(), p.name(),
                p.configuration(), p.password(), p.phoneNumber(), p.deleted() || delete, now, p.created(), p.version() + 1));
        return true;
    }

    public synchronized Optional<StoredProvider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public synchronized List<StoredProvider> providers() {
        return List.copyOf(providers.values());
    }

    public synchronized List<SimulatorConfig.SeedUser> users() {
        return List.copyOf(users.values());
    }

    synchronized Optional<SimulatorConfig.SeedUser> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    synchronized boolean companyExists(long id) {
        return companies.containsKey(id);
    }

    synchronized boolean configurationExists(long id) {
        return configurations.containsKey(id);
    }

    /** A user may act on its own company and every company below it. */
    synchronized boolean mayAccess(long userCompany, long company) {
        Long cursor = company;
        for (int depth = 0; cursor != null && depth < 64; depth++) {
            if (cursor == userCompany) {
                return true;
            }
            SimulatorConfig.SeedCompany c = companies.get(cursor);
            cursor = c == null ? null : c.parent();
        }
        return false;
    }

    synchronized List<Listings.Company> companyTree(long root, boolean tree) {
        List<Listings.Company> out = new ArrayList<>();
        companies.values().stream()
                .filter(c -> c.id() == root || (tree ? mayAccess(root, c.id()) : Long.valueOf(root).equals(c.parent())))
                .sorted(Comparator.comparingLong(SimulatorConfig.SeedCompany::id))
                .forEach(c -> out.add(new Listings.Company(c.id(), c.name(), c.parent())));
        return out;
    }

    synchronized List<Listings.ProviderConfig> configurationsOf(long company) {
        return configurations.values().stream().filter(c -> c.company() == company)
                .map(c -> new Listings.ProviderConfig(c.id(), c.company(), c.name(), c.kind())).toList();
    }

    /** One page of a company's providers in id order after {@code after} (exclusive); {@code more} when others follow. */
    synchronized Listings.ProvidersList providersPage(long company, int limit, String after) {
        java.util.NavigableSet<String> ids = idsByCompany.getOrDefault(company, new java.util.TreeSet<>());
        java.util.Iterator<String> it = (after == null ? ids : ids.tailSet(after, false)).iterator();
        List<Provider> page = new ArrayList<>();
        while (it.hasNext() && page.size() < limit) {
            StoredProvider p = providers.get(it.next());
            if (p != null && !p.deleted()) {
                page.add(p.toWire());
            }
        }
        return new Listings.ProvidersList(new com.fleetprovisioner.fleetfreedom.Command.CompanyKey(company), page,
                it.hasNext());
    }

    synchronized List<Provider> providersOf(long company) {
        return providers.values().stream().filter(p -> p.company() == company && !p.deleted())
                .map(StoredProvider::toWire).toList();
    }
}
