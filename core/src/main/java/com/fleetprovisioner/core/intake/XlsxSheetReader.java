package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * XLSX through POI's event API: the first sheet is streamed through a SAX parser, so memory stays
 * bounded whatever the row count (only the shared-strings table is held). POI's XML parsers refuse
 * DOCTYPEs, so external entities (XXE) cannot be resolved. Before POI sees the file, its zip directory
 * is checked for macros and for zip-bomb sizes; POI then enforces the same ratio on the bytes it
 * actually inflates, so a directory that lies does not help.
 */
final class XlsxSheetReader implements SheetReader {
    private final IntakeLimits limits;

    XlsxSheetReader(IntakeLimits limits) {
        this.limits = limits;
    }

    @Override
    public void read(Path file, Consumer<SheetRow> rows) {
        inspectZip(file);
        // POI offers these guards only process-wide; every reader sets the same configured values.
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxInflatedBytes());
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new IntakeFileException(Text.of("intake.file.noSheet"), "The workbook has no sheet.");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XlsxSheetHandler(strings, styles, limits.maxRows() + 1, rows));
                parser.parse(new InputSource(sheet));
            }
        } catch (IntakeFileException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw unreadable(e);
        }
    }

    private void inspectZip(Path file) {
        long inflated = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
                    throw new IntakeFileException(Text.of("intake.file.macros"),
                            "The workbook contains macros (.xlsm); macro-enabled workbooks are "
                            + "refused. Save it as \"Excel Workbook (.xlsx)\" and upload that.");
                }
                long size = Math.max(entry.getSize(), 0);
                long compressed = Math.max(entry.getCompressedSize(), 0);
                inflated += size;
                if (inflated > limits.maxInflatedBytes()
                        || size > 1024 * 1024 && compressed < size * limits.minInflateRatio()) {
                    throw zipBomb();
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            // IllegalArgumentException: an entry name that is not valid text (found by the fuzz test)
            throw new IntakeFileException(Text.of("intake.file.zipDamaged"),
                    "The file is not a valid Excel workbook (.xlsx): its zip structure is damaged.");
        } catch (IOException e) {
            throw new IntakeFileException(Text.of("intake.file.unreadableXlsx"),
                    "The file could not be read as an Excel workbook (.xlsx).", e);
        }
    }

    private IntakeFileException zipBomb() {
        return new IntakeFileException(Text.of("intake.file.zipBomb", IntakeLimits.sizeText(limits.maxInflatedBytes())),
                "The workbook unpacks to more than " + IntakeLimits.size(limits.maxInflatedBytes())
                + " or is compressed suspiciously well (a zip bomb guard, 20 × FP_INTAKE_MAX_BYTES). Save it again "
                + "from Excel, or split it.");
    }

    private IntakeFileException unreadable(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Zip bomb") || message.contains("max entry size") || message.contains("MaxEntrySize")) {
            return zipBomb();
        }
        return new IntakeFileException(Text.of("intake.file.notWorkbook"),
                "The file could not be read as an Excel workbook (.xlsx): it is damaged or "
                + "not a workbook.", e);
    }
}
