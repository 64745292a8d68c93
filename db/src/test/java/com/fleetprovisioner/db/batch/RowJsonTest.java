package com.fleetprovisioner.db.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.RowMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hand-written cells JSON reads back as written, and reads as Jackson's own output does; messages are stored as
 * keys with their arguments, and a message stored before keys reads as its text, shown as it is.
 */
class RowJsonTest {
    @Test
    void cellsRoundTripWhateverTheyHold() throws Exception {
        List<String> awkward = new ArrayList<>(List.of("", "356938035643809", "say \"hi\"", "back\\slash", "line\nbreak\r\n",
                "tab\there", "bell\u0007 nul\u0000 esc\u001b del\u007f", "ünïcødé 名前 😀", "\u2028\u2029", "</script>", "(hidden)"));
        String json = RowJson.strings(awkward);
        assertThat(RowJson.cells(json)).isEqualTo(awkward);
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree(
                new ObjectMapper().writeValueAsString(awkward)));
        assertThat(RowJson.strings(List.of())).isEqualTo("[]");
    }

    @Test
    void longCellsAreStillCutToFit() {
        String json = RowJson.cells(List.of("x".repeat(20_000), "y"), 16_000);
        assertThat(json.length()).isLessThanOrEqualTo(16_000);
        assertThat(RowJson.cells(json)).hasSize(2).last().isEqualTo("y");
    }

    @Test
    void messagesKeepTheirKeysAndArgumentsAsTyped() {
        String typed = "<b>{0}</b> ''x'' \"q\" \\ bell\u0007 \u2028 😀";
        List<RowMessage> messages = List.of(RowMessage.error(DeviceField.KIND, "Type", "intake.row.kind.unknown", typed, "genx"),
                RowMessage.rowError("intake.row.takenMeanwhile"), RowMessage.rowWarning("intake.row.duplicate", 2));
        String json = RowJson.messages(messages, 8_000);
        assertThat(json).doesNotContain("\"text\"");
        assertThat(RowJson.messages(json)).isEqualTo(messages);
        assertThat(RowJson.messages(json).get(0).text().args()).containsExactly(typed, "genx");
    }

    @Test
    void aMessageStoredBeforeKeysReadsAsItsText() {
        String old = "[{\"severity\":\"error\",\"field\":\"id\",\"column\":\"IMEI\",\"text\":\"The id is missing.\"},"
                + "{\"severity\":\"warning\",\"field\":null,\"column\":\"\",\"text\":\"Replaces the failed device of batch 3.\"}]";
        assertThat(RowJson.messages(old)).containsExactly(
                new RowMessage(RowMessage.Severity.ERROR, Optional.of(DeviceField.ID), "IMEI", Text.verbatim("The id is missing.")),
                new RowMessage(RowMessage.Severity.WARNING, Optional.empty(), "", Text.verbatim("Replaces the failed device of batch 3.")));
    }

    @Test
    void manyHugeArgumentsStillFitTheColumn() {
        List<RowMessage> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            messages.add(RowMessage.error(DeviceField.NAME, "Name", "intake.row.kind.unknown", "\"".repeat(10_000), "x".repeat(10_000)));
        }
        String json = RowJson.messages(messages, 8_000);
        assertThat(json.length()).isLessThanOrEqualTo(8_000);
        List<RowMessage> read = RowJson.messages(json);
        assertThat(read).isNotEmpty().allSatisfy(m -> assertThat(m.text().args()).allSatisfy(a -> assertThat(a)
                .hasSizeLessThanOrEqualTo(Text.MAX_ARG)));
    }
}
