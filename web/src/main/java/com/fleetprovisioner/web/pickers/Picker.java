package com.fleetprovisioner.web.pickers;

import java.util.List;
import java.util.Optional;

/**
 * One field's choices for a {@code <select>}, or — when the list could not be had — the reason, as the key
 * of the notice that tells the person to type the number instead ({@code pickers.missing.*}).
 *
 * @param value the value the field holds (as typed or chosen), kept whether or not it is among the choices
 */
public record Picker(String value, List<Choice> choices, Optional<String> missing) {

    /**
     * @param known false for the value the field holds that is not in the list (shown as such, still refused
     *              by the server's checks if it is wrong)
     */
    public record Choice(String value, String label, boolean known) {
    }

    public Picker {
        value = value == null ? "" : value;
        choices = List.copyOf(choices);
    }

    public boolean available() {
        return missing.isEmpty();
    }

    static Picker of(String value, List<Choice> known) {
        boolean listed = value == null || value.isEmpty() || known.stream().anyMatch(c -> c.value().equals(value));
        List<Choice> all = listed ? known
                : java.util.stream.Stream.concat(known.stream(), java.util.stream.Stream.of(new Choice(value, value, false)))
                        .toList();
        return new Picker(value, all, Optional.empty());
    }

    static Picker typed(String value, String missingKey) {
        return new Picker(value, List.of(), Optional.of(missingKey));
    }
}
