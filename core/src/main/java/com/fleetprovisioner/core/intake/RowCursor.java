package com.fleetprovisioner.core.intake;

import java.util.OptionalInt;

/**
 * Which page of a batch's rows: its number (from 1, for showing "page 3 of 40") and, when it came from a
 * page link, the row number it starts after or ends before, so that it is read by seeking there.
 */
public record RowCursor(int page, OptionalInt after, OptionalInt before) {

    public RowCursor {
        page = Math.max(1, page);
    }

    /** A page by its number alone: the rows before it are counted through. */
    public static RowCursor page(int page) {
        return new RowCursor(page, OptionalInt.empty(), OptionalInt.empty());
    }
}
