package com.fleetprovisioner.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void argumentsAreWrittenAsStringsAndReadBackExactly() {
        Text text = Text.of("event.text.notSent", "mergeProvider", 42L, Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(text.args()).containsExactly("mergeProvider", "42", "2026-11-27T10:15:30Z");
        assertThat(Text.stored(text.key(), text.argsJson(), null)).contains(text);
    }

    @Test
    void hostileArgumentsSurviveTheStoredForm() {
        String hostile = "quote \" back\\slash \u0000nul \u0007bell \n line {0} ''x'' <b>é😀</b> [\"a\",\"b\"]";
        Text text = Text.of("event.text.answer", "mergeProvider", hostile, "");
        assertThat(text.argsJson()).doesNotContain("\u0000", "\n");
        assertThat(Text.stored(text.key(), text.argsJson(), "ignored")).contains(text);
    }

    @Test
    void aHugeArgumentIsCutWithoutSplittingACharacter() {
        String huge = "x".repeat(Text.MAX_ARG - 2) + "😀" + "y".repeat(1_000_000);
        Text text = Text.of("event.text.refused", huge);
        assertThat(text.args().get(0)).hasSize(Text.MAX_ARG - 1).endsWith("x…");
        assertThat(Text.of("k", "z".repeat(Text.MAX_ARG)).args().get(0)).hasSize(Text.MAX_ARG);
    }

    @Test
    void aRowWithoutAKeyShowsItsOldMessageAsItIs() {
        assertThat(Text.stored(null, null, "Submitted and queued")).contains(Text.verbatim("Submitted and queued"));
        assertThat(Text.stored("", "[\"x\"]", null)).isEmpty();
        assertThat(Text.stored("event.text.held", null, null)).contains(new Text("event.text.held", List.of()));
        assertThat(Text.of("event.text.held").argsJson()).isNull();
    }

    @Test
    void argumentsThatAreNotAJsonArrayOfStringsAreKeptWholeNotLost() {
        assertThat(Text.stored("k", "not json", null)).contains(new Text("k", List.of("not json")));
        assertThat(Text.stored("k", "{\"a\":1}", null)).contains(new Text("k", List.of("{\"a\":1}")));
        assertThat(Text.stored("k", "[1, null]", null).orElseThrow().args()).containsExactly("1", "");
    }

    @Test
    void aTextNeedsAKey() {
        assertThatThrownBy(() -> new Text(null, List.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTextGivenAsAnArgumentIsKeptAsATextAndSurvivesTheStoredForm() {
        Text reason = Text.of("intake.file.tooManyRows", 100_000);
        Text text = Text.of("intake.error.file", "devices.csv", reason, Text.utc(Instant.parse("2026-11-27T10:15:30Z")));
        assertThat(Text.nested(text.args().get(1))).contains(reason);
        assertThat(Text.nested(text.args().get(2))).contains(new Text(Text.UTC_TIME, List.of("2026-11-27T10:15:30Z")));
        assertThat(Text.nested(text.args().get(0))).isEmpty();
        Text stored = Text.stored(text.key(), text.argsJson(), null).orElseThrow();
        assertThat(Text.nested(stored.args().get(1))).contains(reason);
    }

    @Test
    void aStringArgumentCannotPassForATextAndAPackedTextUnpacks() {
        String forged = Text.NESTED + "[\"admin.secret\"]";
        Text text = Text.of("intake.error.file", forged);
        assertThat(Text.nested(text.args().get(0))).isEmpty();
        assertThat(text.args().get(0)).startsWith("\ufffd");
        assertThat(Text.nested(Text.verbatim(forged).args().get(0))).isEmpty();
        Text notice = Text.of("intake.notice.unknown", "Notes");
        assertThat(Text.unpack(notice.packed())).isEqualTo(notice);
        assertThat(Text.unpack("Column \"Notes\" is not used (unknown name).")).isEqualTo(
                Text.verbatim("Column \"Notes\" is not used (unknown name)."));
        assertThat(Text.nested(Text.NESTED + "not json")).isEmpty();
    }
}
