package com.fleetprovisioner.bench;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.intake.Ids;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeLimits;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.SheetFiles;
import com.fleetprovisioner.core.intake.Upload;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqApiTokenRepository;
import com.fleetprovisioner.db.auth.JooqSessionRepository;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.batch.JooqBatchRepository;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Upload to preview ready — read, validate, check duplicates and known devices, store every row — for a
 * 100,000-row CSV and XLSX, over an H2 file database with the company list from the in-process
 * simulator. Prints seconds, the process's CPU seconds (all threads, GC included: on a shared machine the
 * figure that does not depend on the other builds) and the JVM's peak heap during each upload. Run it with -Xmx256m.
 */
public final class IntakeBench {
    private static final int ROWS = 100_000;

    private IntakeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fp-intake-bench");
        Path csv = writeCsv(dir.resolve("devices.csv"));
        Path xlsx = writeXlsx(dir.resolve("devices.xlsx"));
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder().build());
             SessionSupervisor fleetFreedom = new SessionSupervisor(FleetFreedomConfig.of(simulator.webSocketUri(),
                     SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()))) {
            fleetFreedom.start();
            System.out.printf("max heap %d MB; files: CSV %.1f MB, XLSX %.1f MB, %,d rows each%n",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), Files.size(csv) / 1048576.0,
                    Files.size(xlsx) / 1048576.0, ROWS);
            System.out.println("| file | rows | valid | errors | seconds | CPU seconds | GC pauses s | peak heap MB |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (Path file : new Path[] {csv, xlsx, csv, xlsx}) {
                run(dir, file, fleetFreedom);
            }
            // refused (422) or marked on their row; "--valid-only" for code before the bounds, which they run out of memory
            for (Path file : List.of(args).contains("--valid-only") ? new Path[0] : hostile(dir)) {
                run(dir, file, fleetFreedom);
            }
        } finally {
            deleteAll(dir); // six H2 databases of 100,000 rows: about 250 MB per run
        }
    }

    private static void deleteAll(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void run(Path dir, Path file, SessionSupervisor fleetFreedom) {
        // a fresh database per run, so the second pass measures the same work (no "already queued")
        String url = "jdbc:h2:file:" + dir.resolve("db-" + System.nanoTime()).toAbsolutePath();
        try (Database database = Database.connect(url, "sa", "", 4)) {
            database.migrate();
            Clock clock = Clock.systemUTC();
            var dsl = DatabaseFixture.dsl(database);
            var audit = new JooqAuditLog(dsl);
            User user = new UserService(new JooqUserRepository(dsl), new JooqSessionRepository(dsl),
                    new JooqApiTokenRepository(dsl), new PasswordHasher(),
                    audit, database.transactions(), clock).create(Actor.system(), "bench", Role.OPERATOR, "bench-password-long");
            IntakeService intake = new IntakeService(database.transactions(), new JooqBatchRepository(dsl),
                    new JooqDeviceIntake(dsl), new FleetFreedomCompanyDirectory(fleetFreedom, clock, Duration.ofMinutes(1)),
                    new SheetFiles(IntakeLimits.defaults()), SecretBox.random(), audit, clock);
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long gcStart = gcMillis();
            long start = System.nanoTime();
            Batch batch;
            try {
                batch = intake.upload(Actor.user(user.id(), user.username(), "bench"),
                        new Upload(file, file.getFileName().toString(), IntakeDefaults.none(), Batch.Source.UPLOAD));
            } catch (ValidationException refused) {
                batch = null;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            double gc = (gcMillis() - gcStart) / 1e3;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (batch == null) {
                System.out.printf("| %s (refused) | – | – | – | %.2f | %.2f | %.2f | %d |%n", file.getFileName(), seconds, cpu,
                        gc, peak / (1024 * 1024));
            } else {
                System.out.printf("| %s | %,d | %,d | %,d | %.2f | %.2f | %.2f | %d |%n", file.getFileName(),
                        batch.counts().total(), batch.counts().valid(), batch.counts().error(), seconds, cpu, gc,
                        peak / (1024 * 1024));
            }
        }
    }

    /** Milliseconds the collectors have spent (G1: its pauses; concurrent marking is not counted). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** The hostile files: a 10 MB line of 5 million cells, one 10 MB cell, four 1E10000000 number cells. */
    private static Path[] hostile(Path dir) throws Exception {
        Path cells = dir.resolve("cells-10mb.csv");
        Path cell = dir.resolve("cell-10mb.csv");
        try (BufferedWriter a = Files.newBufferedWriter(cells); BufferedWriter b = Files.newBufferedWriter(cell)) {
            a.write("IMEI,Kind,Company\n");
            b.write("IMEI,Kind,Company\n");
            for (int i = 0; i < 5 * 1024 * 1024; i++) {
                a.write("a,");
                b.write("xx");
            }
        }
        Path numbers = dir.resolve("absurd-numbers.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(numbers)) {
            Row header = workbook.createSheet("Devices").createRow(0);
            header.createCell(0).setCellValue("IMEI");
            header.createCell(1).setCellValue("Kind");
            header.createCell(2).setCellValue("Company");
            Row row = workbook.getSheetAt(0).createRow(1);
            for (int c = 0; c < 4; c++) {
                row.createCell(c).setCellValue(123456789.0); // replaced below: POI cannot write 1E10000000
            }
            workbook.write(out);
            workbook.dispose();
        }
        return new Path[] {cells, cell, absurd(numbers)};
    }

    /** The workbook with every 123456789 number cell turned into 1E10000000, as a hostile file carries it. */
    private static Path absurd(Path workbook) throws Exception {
        Path out = workbook.resolveSibling("absurd-1e10000000.xlsx");
        // ZipFile, not ZipInputStream: SXSSF's local headers carry no sizes, which ZipInputStream refuses
        try (var in = new java.util.zip.ZipFile(workbook.toFile());
             var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().startsWith("xl/worksheets/")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("<v>1.23456789E8</v>", "<v>1E10000000</v>")
                            .replace("<v>123456789</v>", "<v>1E10000000</v>").getBytes(StandardCharsets.UTF_8);
                }
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out;
    }

    /** Every 100th row has an unknown kind, so the error path is exercised too. */
    private static String kind(int i) {
        return i % 100 == 99 ? "obsolete" : i % 2 == 0 ? "genx" : "teltonika";
    }

    private static String imei(int i) {
        String body = "35" + String.format("%012d", i);
        return body + Ids.luhnCheckDigit(body);
    }

    private static Path writeCsv(Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("IMEI,Kind,Company,Phone,Password,Name\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(imei(i) + "," + kind(i) + "," + (i % 2 == 0 ? 42 : 43) + ",+44 7700 9" + String.format("%05d", i % 100000)
                        + ",pw" + i + ",\"Truck " + i + ", depot " + (i % 17) + "\"\n");
            }
        }
        return file;
    }

    private static Path writeXlsx(Path file) throws Exception {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Devices");
            Row header = sheet.createRow(0);
            String[] names = {"IMEI", "Kind", "Company", "Phone", "Password", "Name"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int i = 0; i < ROWS; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(Double.parseDouble(imei(i))); // typed as a number, as Excel does
                row.createCell(1).setCellValue(kind(i));
                row.createCell(2).setCellValue(i % 2 == 0 ? 42 : 43);
                row.createCell(3).setCellValue("+44 7700 9" + String.format("%05d", i % 100000));
                row.createCell(4).setCellValue("pw" + i);
                row.createCell(5).setCellValue("Truck " + i + ", depot " + (i % 17));
            }
            workbook.write(out);
            workbook.dispose();
        }
        return file;
    }

}
