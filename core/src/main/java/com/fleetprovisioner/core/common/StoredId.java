package com.fleetprovisioner.core.common;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants are stored, shown and read back as one string each: their id, by default the
 * constant's name in lower case. The database columns, URLs, JSON and message keys keep the string; this is
 * the one place it turns back into a constant.
 */
public interface StoredId {

    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the constant of {@code type} whose id is exactly {@code id} (no guessing: "QUEUED" is not "queued")
     * @throws IllegalArgumentException naming the type, for any other string
     */
    static <E extends Enum<E> & StoredId> E fromId(Class<E> type, String id) {
        return find(type, id).orElseThrow(() ->
                new IllegalArgumentException("Unknown " + type.getSimpleName() + " id: " + id));
    }

    /** The constant of {@code type} whose id is exactly {@code id}, if there is one; none for null. */
    static <E extends Enum<E> & StoredId> Optional<E> find(Class<E> type, String id) {
        for (E constant : type.getEnumConstants()) {
            if (constant.id().equals(id)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
