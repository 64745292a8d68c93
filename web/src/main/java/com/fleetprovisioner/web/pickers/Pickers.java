package com.fleetprovisioner.web.pickers;

import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.intake.DeviceKinds;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory.Listing;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pickers the forms show: companies of the account's tree and a company's configurations by name (from
 * {@link FleetFreedomDirectory}, cached there), the active kinds, and our users as submitters. A list that
 * cannot be had turns its field into a typed input with a notice; what is chosen is checked by the server
 * as a typed value is.
 */
public final class Pickers {
    /** Two no-break spaces per level: the tree stays readable in a {@code <select>}, which drops other markup. */
    private static final String INDENT = "\u00a0\u00a0";

    private final FleetFreedomDirectory directory;
    private final UserService users;

    public Pickers(FleetFreedomDirectory directory, UserService users) {
        this.directory = directory;
        this.users = users;
    }

    public Picker companies(String value) {
        Listing<FleetFreedomDirectory.Company> tree = directory.companies();
        if (!tree.available()) {
            return Picker.typed(value, "pickers.missing.company." + missing(tree));
        }
        return Picker.of(value, tree.entries().stream()
                .map(c -> new Picker.Choice(Long.toString(c.id()), INDENT.repeat(c.depth()) + label(c.name(), c.id()), true))
                .toList());
    }

    /** The configurations of the company {@code company} holds; an empty list until a company is chosen. */
    public Picker configurations(String company, String value) {
        Optional<Long> id = number(company);
        // no company chosen yet: an empty list, or the tree's reason when there is no list to choose from
        Listing<FleetFreedomDirectory.Configuration> list = id.isPresent() ? directory.configurations(id.get())
                : new Listing<>(List.of(), directory.companies().missing());
        if (!list.available()) {
            return Picker.typed(value, "pickers.missing.config." + missing(list));
        }
        return Picker.of(value, list.entries().stream()
                .map(c -> new Picker.Choice(Long.toString(c.id()), label(c.name(), c.id()), true)).toList());
    }

    public Picker kinds(String value) {
        return Picker.of(value, DeviceKinds.ACTIVE.stream().map(k -> new Picker.Choice(k, k, true)).toList());
    }

    public Picker submitters(String value) {
        return Picker.of(value, users.list().stream().map(User::username).sorted()
                .map(u -> new Picker.Choice(u, u, true)).toList());
    }

    public FleetFreedomDirectory directory() {
        return directory;
    }

    private static String label(String name, long id) {
        return name.isBlank() ? Long.toString(id) : name.strip() + " (" + id + ")";
    }

    private static String missing(Listing<?> listing) {
        return listing.missing().orElseThrow().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Long> number(String text) {
        if (text == null || !text.strip().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text.strip()));
    }
}
