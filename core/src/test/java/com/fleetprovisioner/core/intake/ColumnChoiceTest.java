package com.fleetprovisioner.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnChoiceTest {
    private static final SheetRow ODD = new SheetRow(1, List.of("Tracker IMEI", "Device Type", "Customer No"), Map.of());

    @Test
    void columnsAreNamedByHeaderOrNumber() {
        HeaderMapping byName = ColumnChoice.parse(Map.of("tracker imei", "id", "Device Type", "KIND", "Customer No", "company"),
                false).resolve(ODD, 3).orElseThrow();
        assertThat(byName.columns()).containsExactlyInAnyOrderEntriesOf(Map.of(DeviceField.ID, 0, DeviceField.KIND, 1,
                DeviceField.COMPANY, 2));
        assertThat(byName.chosen()).isTrue();
        HeaderMapping byNumber = ColumnChoice.parse(Map.of("3", "company", "1", "id", "2", "ignore"), false)
                .resolve(ODD, 3).orElseThrow();
        assertThat(byNumber.columns()).containsExactlyInAnyOrderEntriesOf(Map.of(DeviceField.ID, 0, DeviceField.COMPANY, 2));
        assertThat(ColumnChoice.parse(Map.of("Serial", "id"), false).resolve(ODD, 3)).isEmpty();
    }

    @Test
    void aFileWithoutHeaderGetsNumberedColumns() {
        HeaderMapping none = ColumnChoice.parse(Map.of("2", "id"), true).resolve(ODD, 3).orElseThrow();
        assertThat(none.headerRowNumber()).isZero();
        assertThat(none.header()).containsExactly("Column 1", "Column 2", "Column 3");
        assertThatThrownBy(() -> none.requireColumns(IntakeDefaults.none())).isInstanceOf(IntakeFileException.class)
                .hasMessage("The column mapping gives no kind column and no default kind was chosen for the upload.");
    }

    @Test
    void badMappingsAreRefusedByName() {
        Map<Map<String, String>, Text> bad = new LinkedHashMap<>();
        bad.put(Map.of("Tracker IMEI", "imei"), Text.of("mapping.error.field", "Tracker IMEI", "imei",
                "id, kind, company, phone, password, config, name", "ignore"));
        bad.put(ordered("Tracker IMEI", "id", "Customer No", "id"), Text.of("mapping.error.twice", "Tracker IMEI", "Customer No", "id"));
        bad.put(Map.of("0", "id"), Text.of("mapping.error.range", "0", 256));
        bad.put(Map.of("257", "id"), Text.of("mapping.error.range", "257", 256));
        bad.put(Map.of("Device Type", "kind"), Text.of("mapping.error.noId"));
        bad.put(Map.of("", "id"), Text.of("mapping.error.column", 200));
        bad.put(Map.of("x".repeat(201), "id"), Text.of("mapping.error.column", 200));
        bad.put(Map.of("y".repeat(41), "nope"), Text.of("mapping.error.field", "y".repeat(40) + "…", "nope",
                "id, kind, company, phone, password, config, name", "ignore"));
        bad.forEach((mapping, text) -> assertThatThrownBy(() -> ColumnChoice.parse(mapping, false))
                .as(mapping.toString()).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsExactly(Map.entry("mapping", text))));
        assertThatThrownBy(() -> ColumnChoice.parse(Map.of("Tracker IMEI", "id"), true))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("mapping"))
                        .isEqualTo(Text.of("mapping.error.noHeader", "Tracker IMEI")));
        assertThatThrownBy(() -> ColumnChoice.parse(Map.of("4", "id"), false).resolve(ODD, 3))
                .isInstanceOf(IntakeFileException.class).hasMessage("The mapping gives column 4 as id, but the file has 3 columns.");
    }

    @Test
    void aLayoutIsKnownWhateverItsCaseOrProblemsColumn() {
        String key = HeaderMapping.layoutKey(ODD);
        assertThat(HeaderMapping.layoutKey(new SheetRow(5, List.of(" tracker imei", "DEVICE TYPE", "Customer No", ""),
                Map.of()))).isEqualTo(key);
        assertThat(HeaderMapping.layoutKey(new SheetRow(1, List.of("Tracker IMEI", "Device Type", "Customer No", "Problems"),
                Map.of()))).isEqualTo(key);
        assertThat(HeaderMapping.layoutKey(new SheetRow(1, List.of("Device Type", "Tracker IMEI", "Customer No"), Map.of())))
                .isNotEqualTo(key);
    }

    @Test
    void theProblemsColumnOfOurDownloadIsNotAnUnknownColumn() {
        HeaderMapping header = HeaderMapping.tryHeader(new SheetRow(1, List.of("IMEI", "Kind", "Company", "Problems"),
                Map.of())).orElseThrow();
        assertThat(header.notices()).isEmpty();
        assertThat(HeaderMapping.tryHeader(new SheetRow(1, List.of("IMEI", "Problems", "Notes"), Map.of())).orElseThrow()
                .notices()).hasSize(2);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
