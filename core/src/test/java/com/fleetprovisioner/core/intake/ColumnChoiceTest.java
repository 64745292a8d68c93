package com.fleetprovisioner.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Map<Map<String, String>, String> bad = new LinkedHashMap<>();
        bad.put(Map.of("Tracker IMEI", "imei"), "\"imei\" is not a field");
        bad.put(ordered("Tracker IMEI", "id", "Customer No", "id"), "\"Tracker IMEI\" and \"Customer No\" are both mapped to id");
        bad.put(Map.of("0", "id"), "Column number 0 is out of range");
        bad.put(Map.of("257", "id"), "Column number 257 is out of range");
        bad.put(Map.of("Device Type", "kind"), "No column is mapped to id");
        bad.put(Map.of("", "id"), "is empty");
        bad.put(Map.of("x".repeat(201), "id"), "longer than 200");
        bad.forEach((mapping, message) -> assertThatThrownBy(() -> ColumnChoice.parse(mapping, false))
                .as(mapping.toString()).isInstanceOf(ValidationException.class).hasMessageContaining(message));
        assertThatThrownBy(() -> ColumnChoice.parse(Map.of("Tracker IMEI", "id"), true))
                .hasMessageContaining("name its columns by number");
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
