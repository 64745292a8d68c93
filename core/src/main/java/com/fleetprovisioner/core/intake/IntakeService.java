package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Uploads become draft batches: read, validated, checked for duplicates and stored, so that the
 * preview survives a refresh, a second tab or a restart. Nothing here sends anything anywhere.
 */
public final class IntakeService {
    private final Transactions transactions;
    private final BatchRepository batches;
    private final DeviceIntake devices;
    private final CompanyDirectory companies;
    private final SheetFiles files;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final Clock clock;

    public IntakeService(Transactions transactions, BatchRepository batches, DeviceIntake devices,
            CompanyDirectory companies, SheetFiles files, SecretBox secrets, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.batches = batches;
        this.devices = devices;
        this.companies = companies;
        this.files = files;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public IntakeLimits limits() {
        return files.limits();
    }

    /** Reads, validates and stores the file as a draft batch; refuses the whole file with one message if it cannot be read. */
    public Batch upload(Actor actor, Upload upload) {
        long userId = actor.userId().orElseThrow(() -> new IllegalArgumentException("uploads need a user"));
        String sha256 = sha256(upload.file());
        long size = size(upload.file());
        try {
            SheetReader reader = files.readerFor(upload.file(), upload.fileName());
            RowValidator validator = new RowValidator(upload.defaults(), knownCompanies(upload.defaults()));
            long batchId = createHidden(upload, sha256, size, userId);
            fill(actor, upload, batchId, reader, validator, sha256, size);
            return batch(batchId);
        } catch (IntakeFileException e) {
            audit.record(new AuditEntry(clock.instant(), actor, "batch.upload.refused", "file " + upload.fileName(),
                    "sha256=" + sha256 + " bytes=" + size + " reason=" + e.getMessage()));
            throw e.asValidation(upload.fileName());
        }
    }

    /**
     * The batch, hidden (discarded) while its rows go in, each chunk committed as it is written: on H2 the commit of
     * one 100,000-row transaction re-read the rows' pages from the file (a fifth of an upload). A discarded batch is
     * neither listed nor submittable; a failed upload is deleted, a crash leaves it discarded.
     */
    private long createHidden(Upload upload, String sha256, long size, long userId) {
        return transactions.inTransaction(() -> {
            long id = batches.create(new BatchRepository.NewBatch(upload.source(), Optional.of(upload.fileName()),
                    Optional.of(sha256), size, upload.defaults(), userId, clock.instant()));
            batches.transition(id, Batch.State.DRAFT, Batch.State.DISCARDED, Optional.empty(), clock.instant());
            return id;
        });
    }

    /** Reads the file's rows into the hidden batch and publishes it as a draft; a failed upload is deleted. */
    private void fill(Actor actor, Upload upload, long batchId, SheetReader reader, RowValidator validator, String sha256,
            long size) {
        try {
            HeaderMapping header;
            Batch.Counts counts;
            // closed before a failed upload is deleted: no chunk is being written then
            try (BatchAssembler assembler = new BatchAssembler(batchId, batches, devices, secrets, upload.defaults(),
                    validator, upload.columns(), batches::rememberedColumns)) {
                reader.read(upload.file(), assembler);
                header = assembler.finish();
                counts = assembler.counts();
            }
            transactions.run(() -> publish(actor, upload, batchId, header, counts, sha256, size));
        } catch (RuntimeException | Error e) {
            try {
                transactions.run(() -> batches.delete(batchId));
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The upload's last step, in one transaction: totals, columns, the batch shown as a draft, the audit entry. */
    private void publish(Actor actor, Upload upload, long id, HeaderMapping header, Batch.Counts counts, String sha256,
            long size) {
        long userId = actor.userId().orElseThrow();
        batches.finish(id, header.header(), header.notices().stream().map(Text::packed).toList(), counts, clock.instant());
        if (header.chosen()) {
            batches.setColumns(id, header.columns());
        }
        if (upload.remember() && upload.columns().isPresent() && header.headerRowNumber() > 0) {
            batches.rememberColumns(HeaderMapping.layoutKey(new SheetRow(header.headerRowNumber(), header.header(),
                    Map.of())), header.columns(), userId, clock.instant());
        }
        batches.transition(id, Batch.State.DISCARDED, Batch.State.DRAFT, Optional.empty(), clock.instant());
        audit.record(new AuditEntry(clock.instant(), actor, "batch.upload", "batch " + id, "file=" + upload.fileName()
                + " sha256=" + sha256 + " bytes=" + size + " " + counts.describe()
                + (header.chosen() ? " columns=" + new java.util.TreeMap<>(header.columns()) : "")));
    }

    /**
     * The first rows of a file as read (blank rows skipped), for the column mapping step; reading stops
     * there. A file that cannot be read at all is refused as an upload would be.
     */
    public List<SheetRow> sample(Path file, String fileName, int rows) {
        List<SheetRow> sample = new java.util.ArrayList<>(rows);
        try {
            files.readerFor(file, fileName).read(file, row -> {
                if (!row.blank()) {
                    sample.add(row);
                }
                if (sample.size() >= rows) {
                    throw new EnoughRows();
                }
            });
        } catch (EnoughRows enough) {
            // the rest of the file is not needed
        } catch (IntakeFileException e) {
            if (sample.size() < rows && !(e.getCause() instanceof EnoughRows)) {
                throw e.asValidation(fileName);
            }
        }
        return sample;
    }

    /** Stops a reader once the sample is complete (the XLSX reader wraps what its handler throws). */
    private static final class EnoughRows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EnoughRows() {
            super(null, null, false, false);
        }
    }

    /** The mapping confirmed earlier for this header row's layout. */
    public Optional<Map<DeviceField, Integer>> rememberedColumns(SheetRow header) {
        return batches.rememberedColumns(HeaderMapping.layoutKey(header));
    }

    public Batch batch(long batchId) {
        return batches.find(batchId).orElseThrow(() -> new NotFoundException("notFound.batch", batchId));
    }

    /** One page of the preview table, numbered from 1; a page past any possible row is empty (no overflow). */
    public List<IntakeRow> page(long batchId, RowFilter filter, int page, int pageSize) {
        return page(batchId, filter, RowCursor.page(page), pageSize);
    }

    /** One page of rows: after or before its cursor's row when it has one, else counted from the first row. */
    public List<IntakeRow> page(long batchId, RowFilter filter, RowCursor at, int pageSize) {
        batch(batchId);
        if (at.after().isPresent()) {
            return batches.pageAfter(batchId, filter, at.after().getAsInt(), pageSize);
        }
        if (at.before().isPresent()) {
            return batches.pageBefore(batchId, filter, at.before().getAsInt(), pageSize);
        }
        long offset = (at.page() - 1L) * pageSize;
        if (offset == 0) {
            return batches.pageAfter(batchId, filter, 0, pageSize); // rows are numbered from 1
        }
        return offset > Integer.MAX_VALUE ? List.of() : batches.rowAt(batchId, filter, (int) offset)
                .map(first -> batches.pageAfter(batchId, filter, first - 1, pageSize)).orElse(List.of());
    }

    /** What a partial submit split off: the new batch to submit, and how many rows stay in the draft. */
    public record Split(long submittedBatchId, int moved, Batch.Counts left) {
    }

    /**
     * The valid rows of a draft, and the warned rows acknowledged one by one, move to a new draft batch (same
     * file, defaults and columns) for submitting; the others stay in this draft, counted, to review. Nothing
     * is queued here: the caller submits the new batch.
     */
    public Split split(Actor actor, long batchId, Set<Integer> acknowledgedWarnings) {
        long userId = actor.userId().orElseThrow(() -> new IllegalArgumentException("submitting needs a user"));
        return transactions.inTransaction(() -> {
            Batch batch = batch(batchId);
            if (!batch.draft()) {
                throw ValidationException.of("batch", "intake.error.partNotDraft", batchId, batch.state().label());
            }
            long part = batches.create(new BatchRepository.NewBatch(batch.source(), batch.fileName(), batch.fileSha256(),
                    batch.fileSize(), batch.defaults(), userId, clock.instant()));
            int moved = batches.moveRows(batchId, part, acknowledgedWarnings);
            if (moved == 0) {
                throw ValidationException.of("batch", "intake.error.partEmpty");
            }
            batches.finish(part, batch.header(), List.of(Text.of("intake.notice.splitFrom", batchId).packed()),
                    batches.recount(part, clock.instant()), clock.instant());
            if (!batch.columns().isEmpty()) {
                batches.setColumns(part, batch.columns());
            }
            Batch.Counts left = batches.recount(batchId, clock.instant());
            audit.record(new AuditEntry(clock.instant(), actor, "batch.split", "batch " + batchId, "to=batch " + part
                    + " moved=" + moved + " left " + left.describe()));
            return new Split(part, moved, left);
        });
    }

    public void discard(Actor actor, long batchId) {
        transactions.run(() -> {
            Batch batch = batch(batchId);
            if (!batches.transition(batchId, Batch.State.DRAFT, Batch.State.DISCARDED, actor.userId(), clock.instant())) {
                throw ValidationException.of("batch", "intake.error.discardNotDraft", batchId, batch.state().label());
            }
            audit.record(new AuditEntry(clock.instant(), actor, "batch.discard", "batch " + batchId, batch.counts().describe()));
        });
    }

    /** The companies rows may name; a default company must be one of them. */
    Set<Long> knownCompanies(IntakeDefaults defaults) {
        Set<Long> known;
        try {
            known = companies.companies();
        } catch (CompanyDirectory.Unavailable e) {
            throw new ValidationException(Map.of("file", e.reason()));
        }
        if (defaults.company().isPresent() && !known.contains(defaults.company().get())) {
            throw ValidationException.of("defaultCompany", "intake.error.unknownCompany", defaults.company().get());
        }
        if (defaults.kind().isPresent() && DeviceKinds.canonical(defaults.kind().get()).isEmpty()) {
            throw ValidationException.of("defaultKind", "intake.error.unknownKind", defaults.kind().get(),
                    String.join(", ", DeviceKinds.ACTIVE));
        }
        return known;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
