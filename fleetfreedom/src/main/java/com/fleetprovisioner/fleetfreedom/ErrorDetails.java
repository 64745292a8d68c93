package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code errorDetails} object of a reply; its {@code kind} says which record it is. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ErrorDetails.Throttled.class, name = "throttled"),
    @JsonSubTypes.Type(value = ErrorDetails.Parse.class, name = "parse"),
    @JsonSubTypes.Type(value = ErrorDetails.EnumValue.class, name = "enum"),
    @JsonSubTypes.Type(value = ErrorDetails.Input.class, name = "input"),
    @JsonSubTypes.Type(value = ErrorDetails.MinMax.class, name = "minMax")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ErrorDetails {

    /** Short human-readable form for logs and pages. */
    @JsonIgnore
    String summary();

    /** {@code timeout} is in seconds (vendor doc). */
    record Throttled(String ghostId, String login, String ip, String command, Integer count, Double timeout)
            implements ErrorDetails {
        public Optional<Duration> delay() {
            return timeout == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(timeout * 1000)));
        }

        public String summary() { return "throttled " + command + " for " + timeout + " s"; }
    }

    record Parse(Integer line, Integer column, String after) implements ErrorDetails {
        public String summary() { return "unparsable at line " + line + ", column " + column + " after '" + after + "'"; }
    }

    record EnumValue(String input, List<String> valid) implements ErrorDetails {
        public String summary() { return "'" + input + "' is not one of " + valid; }
    }

    record Input(String input) implements ErrorDetails {
        public String summary() { return "rejected input '" + input + "'"; }
    }

    record MinMax(Double min, Double max) implements ErrorDetails {
        public String summary() { return "must be between " + fmt(min) + " and " + fmt(max); }

        private static String fmt(Double d) {
            return d == null ? "?" : d == Math.rint(d) ? String.valueOf(d.longValue()) : d.toString();
        }
    }

    /** A kind this project does not model; kept raw so nothing is lost. */
    record Other(String kind, JsonNode raw) implements ErrorDetails {
        public String summary() { return kind + " " + raw; }
    }
}
