package com.fleetprovisioner.core.intake;

import java.util.List;
import java.util.Map;

/**
 * One row of a file as the person sees it in their spreadsheet: cell texts by column, plus what the
 * reader noticed about single cells (a formula, a number Excel already rounded).
 *
 * @param rowNumber the row as the spreadsheet numbers it (1 = first line of the file)
 */
public record SheetRow(int rowNumber, List<String> cells, Map<Integer, CellNote> notes) {

    /** What a reader noticed about one cell. */
    public record CellNote(Kind kind, String detail) {
        public enum Kind { FORMULA, ROUNDED_NUMBER, SCIENTIFIC_NOTATION, ERROR_VALUE, ABSURD_NUMBER }
    }

    public SheetRow {
        cells = List.copyOf(cells);
        notes = Map.copyOf(notes);
    }

    public String cell(int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : "";
    }

    public boolean blank() {
        return cells.stream().allMatch(c -> c == null || Ids.normalize(c).isEmpty());
    }
}
