package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * "The provider id contains this": {@code provider_id LIKE '%…%'} with the fragment's own {@code % _ !}
 * escaped. Inlined, not bound: PostgreSQL then plans with the pattern itself (its trigram index for a
 * rare fragment, an index walk for a common one) instead of a generic plan made for any pattern.
 */
public final class IdFragment {
    private static final char ESCAPE = '!';

    private IdFragment() {
    }

    public static Condition contains(String fragment) {
        return DEVICE.PROVIDER_ID.like(DSL.inline(pattern(fragment)), ESCAPE);
    }

    /** {@code provider_id LIKE '…%'}: on H2 a range of the indexes that start with provider_id. */
    static Condition startsWith(String fragment) {
        return DEVICE.PROVIDER_ID.like(DSL.inline(escaped(fragment) + "%"), ESCAPE);
    }

    static String pattern(String fragment) {
        return "%" + escaped(fragment) + "%";
    }

    private static String escaped(String fragment) {
        StringBuilder out = new StringBuilder(fragment.length() + 4);
        for (char c : fragment.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
