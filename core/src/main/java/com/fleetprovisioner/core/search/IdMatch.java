package com.fleetprovisioner.core.search;

/**
 * How the database matched an id fragment, for the page to say so. PostgreSQL matches any part of
 * the id from its trigram index, always completely. H2 has no such index: a fragment that starts
 * some id matches the ids starting with it (an index range); any other fragment is looked for
 * anywhere in the ids by a scan in id order, which stops at a time budget or at a number of matches
 * and then has searched only the first {@code searched} ids.
 */
public record IdMatch(Scope scope, boolean complete, long searched) {
    public enum Scope {
        /** Any part of the id. */
        ANYWHERE,
        /** The start of the id only (H2, when some id starts with the fragment). */
        START
    }

    /** Whether only the ids' starts were matched (what the page then says). */
    public boolean startOnly() {
        return scope == Scope.START;
    }

    public static IdMatch anywhere() {
        return new IdMatch(Scope.ANYWHERE, true, 0);
    }
}
