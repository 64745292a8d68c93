package com.fleetprovisioner.core.intake;

/** Which rows the preview and the API show. */
public enum RowFilter {
    ALL,
    /** Warnings, errors, duplicates and devices already known: what the problems download holds. */
    PROBLEMS,
    /** Only the rows that cannot be submitted as they are. */
    ERRORS;

    public boolean includes(RowStatus status) {
        return switch (this) {
            case ALL -> true;
            case PROBLEMS -> status.problem();
            case ERRORS -> status == RowStatus.ERROR;
        };
    }

    /** How many rows of a batch pass this filter, from its totals. */
    public int count(Batch.Counts counts) {
        return switch (this) {
            case ALL -> counts.total();
            case PROBLEMS -> counts.problems();
            case ERRORS -> counts.error();
        };
    }
}
