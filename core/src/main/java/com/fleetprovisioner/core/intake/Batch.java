package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.StoredId;
import com.fleetprovisioner.core.common.Text;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An upload or single entry, and what its preview counts. */
public record Batch(long id, Source source, State state, Optional<String> fileName, Optional<String> fileSha256,
        long fileSize, List<String> header, IntakeDefaults defaults, long createdBy, Instant createdAt,
        Optional<Instant> submittedAt, Counts counts, int devicesQueued, List<String> notices,
        Map<DeviceField, Integer> columns) {

    public enum Source implements StoredId {
        UPLOAD, SINGLE, API, RECONCILIATION;

        public static Source fromId(String id) {
            return StoredId.fromId(Source.class, id);
        }
    }

    /**
     * A draft until submitted; then set by the pipeline: {@code SUBMITTED} until a device of it is
     * attempted, {@code SENDING}, and one of the ended states. Paused is a flag beside the state.
     */
    /** The notices about the file's columns, each a text (one stored as a sentence before texts shows as it is). */
    public List<Text> noticeTexts() {
        return notices.stream().map(Text::unpack).toList();
    }

    public enum State implements StoredId {
        DRAFT, SUBMITTED, SENDING, COMPLETED, COMPLETED_WITH_FAILURES, CANCELLED, DISCARDED;

        /** The state's label, for a text that names it (shown in the reader's language). */
        public Text label() {
            return Text.of("batchState." + id());
        }

        public static State fromId(String id) {
            return StoredId.fromId(State.class, id);
        }

        /** Completed (with or without failures) or cancelled: no device of it will be sent any more. */
        public boolean ended() {
            return this == COMPLETED || this == COMPLETED_WITH_FAILURES || this == CANCELLED;
        }

        /** Ended with devices failed or needing review: the pages show how many beside the state. */
        public boolean withFailures() {
            return this == COMPLETED_WITH_FAILURES;
        }
    }

    /** The preview's totals. */
    public record Counts(int total, int valid, int warning, int error, int duplicate, int existing) {
        public static Counts of(List<IntakeRow> rows) {
            int[] by = new int[RowStatus.values().length];
            rows.forEach(r -> by[r.status().ordinal()]++);
            return new Counts(rows.size(), by[RowStatus.VALID.ordinal()], by[RowStatus.WARNING.ordinal()],
                    by[RowStatus.ERROR.ordinal()], by[RowStatus.DUPLICATE.ordinal()], by[RowStatus.EXISTING.ordinal()]);
        }

        public Counts plus(Counts o) {
            return new Counts(total + o.total, valid + o.valid, warning + o.warning, error + o.error,
                    duplicate + o.duplicate, existing + o.existing);
        }

        public int submittable() {
            return valid + warning;
        }

        public int problems() {
            return warning + error + duplicate + existing;
        }

        public String describe() {
            return "rows=" + total + " valid=" + valid + " warnings=" + warning + " errors=" + error
                    + " duplicates=" + duplicate + " alreadyKnown=" + existing;
        }
    }

    public Batch {
        header = List.copyOf(header);
        notices = List.copyOf(notices);
        columns = Map.copyOf(columns);
    }

    /**
     * Which column gives which field: as chosen or remembered at upload ({@code columns}), or, for a batch
     * stored without them (single entries, older batches), as the header's names say.
     */
    public Optional<HeaderMapping> mapping() {
        if (!columns.isEmpty()) {
            return Optional.of(HeaderMapping.chosen(1, header, columns));
        }
        return HeaderMapping.tryHeader(new SheetRow(1, header, Map.of()));
    }

    public boolean draft() {
        return state == State.DRAFT;
    }
}
