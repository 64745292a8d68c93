package com.fleetprovisioner.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The production logback.xml: the ids of a pipeline line in the text pattern and in FP_LOG_FORMAT=json. */
class LogFormatTest {

    @Test
    void textLinesShowTheDeviceProviderAndBatch() throws Exception {
        String out = logWithIds(null);
        assertThat(out).contains("device=17 provider=356938035643809 batch=4 - handed back")
                .contains("com.fleetprovisioner.test - no ids here");
        assertThat(out).as("empty ids are left out").doesNotContain("device= ");
    }

    @Test
    void jsonLinesCarryTheIdsInTheMdc() throws Exception {
        String out = logWithIds("json");
        JsonNode line = new ObjectMapper().readTree(out.lines().filter(l -> l.contains("handed back")).findFirst()
                .orElseThrow());
        assertThat(line.at("/mdc/device").asText()).isEqualTo("17");
        assertThat(line.at("/mdc/provider").asText()).isEqualTo("356938035643809");
        assertThat(line.at("/mdc/batch").asText()).isEqualTo("4");
        assertThat(line.at("/formattedMessage").asText()).isEqualTo("handed back");
        assertThat(line.at("/level").asText()).isEqualTo("INFO");
    }

    /**
     * Issue 16: any warning while logback reads its configuration (an appender defined but unused was
     * one) makes it print its whole status, about 30 lines, at every start of every process.
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void theConfigurationRaisesNoWarningSoLogbackPrintsNoStatus(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("FP_LOG_FORMAT", format);
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            assertThat(new StatusUtil(context).getHighestLevel(0))
                    .as(String.valueOf(context.getStatusManager().getCopyOfStatusList())).isEqualTo(Status.INFO);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console")).isNotNull();
        } finally {
            context.stop();
        }
    }

    private String logWithIds(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("FP_LOG_FORMAT", format);
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            var log = context.getLogger("com.fleetprovisioner.test");
            context.getMDCAdapter().put("device", "17");
            context.getMDCAdapter().put("provider", "356938035643809");
            context.getMDCAdapter().put("batch", "4");
            log.info("handed back");
            context.getMDCAdapter().clear();
            log.info("no ids here");
        } finally {
            System.setOut(original);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
