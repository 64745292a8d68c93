package com.fleetprovisioner.db.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written cells JSON reads back as written, and reads as Jackson's own output does. */
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
}
