package com.fleetprovisioner.worker;

import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's log lines, captured at DEBUG for everything of ours while a batch with errors runs:
 * every line of an attempt names the device (and, once leased, the provider and the batch), and no
 * secret — the Fleet Freedom password, a device password — is ever written.
 */
class PipelineLogsIT {
    private static final Pattern DEVICE_PASSWORD = Pattern.compile("pw-\\d");
    private static final Pattern FF_PASSWORD = Pattern.compile("(?i)password\\W{0,5}secret");

    record Line(String logger, String thread, Map<String, String> mdc, String text) {
    }

    static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            try {
                record(e);
            } catch (RuntimeException failed) {
                StringWriter trace = new StringWriter();
                failed.printStackTrace(new PrintWriter(trace));
                lines.add(new Line("capture-failed", "", Map.of(), trace.toString()));
            }
        }

        private void record(ILoggingEvent e) {
            String thrown = e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy());
            lines.add(new Line(e.getLoggerName(), e.getThreadName(), e.getMDCPropertyMap() == null ? Map.of() : new HashMap<>(e.getMDCPropertyMap()),
                    e.getFormattedMessage() + thrown));
        }
    }

    @Test
    void everyPipelineLineNamesItsDeviceAndBatchAndNoSecretIsLogged() {
        Logger ours = (Logger) LoggerFactory.getLogger("com.fleetprovisioner");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = ours.getLevel();
        Capture capture = new Capture();
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        ours.setLevel(Level.DEBUG);
        long batch;
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withErrorRate(2, 0.3).withErrorRate(3, 0.1).withDropAfterMerge(0.1)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            batch = h.batch();
            h.submit(batch, 0, 20, 42);
            h.startWorker("w1", 4);
            await("all terminal", Duration.ofSeconds(90), () -> h.allTerminal(batch));
        } finally {
            root.detachAppender(capture);
            ours.setLevel(before);
        }

        List<Line> pipeline = capture.lines.stream()
                .filter(l -> l.logger().equals(ProvisioningService.class.getName())).toList();
        assertThat(pipeline).as("the attempts were logged; captured loggers: %s",
                capture.lines.stream().map(l -> l.logger().equals("capture-failed") ? l.text() : l.logger()).distinct().toList()).hasSizeGreaterThan(20);
        assertThat(pipeline).allSatisfy(l -> assertThat(l.mdc()).containsKey(ProvisioningService.MDC_DEVICE));
        List<Line> leased = pipeline.stream().filter(l -> l.mdc().containsKey(ProvisioningService.MDC_PROVIDER)).toList();
        assertThat(leased).hasSizeGreaterThan(20).allSatisfy(l -> {
            assertThat(l.mdc()).containsEntry(ProvisioningService.MDC_BATCH, Long.toString(batch));
            assertThat(l.mdc().get(ProvisioningService.MDC_PROVIDER)).startsWith("35693804");
        });
        assertThat(leased).as("the injected errors were logged")
                .anySatisfy(l -> assertThat(l.text()).startsWith("retry_scheduled (code 2)"));
        // a job thread's ids are cleared when its attempt ends: nothing else on that thread inherits them
        assertThat(capture.lines).filteredOn(l -> l.mdc().containsKey(ProvisioningService.MDC_DEVICE))
                .allSatisfy(l -> assertThat(l.logger()).startsWith("com.fleetprovisioner"));
        assertThat(capture.lines).isNotEmpty().allSatisfy(l -> {
            String all = l.text() + l.mdc();
            assertThat(DEVICE_PASSWORD.matcher(all).find()).as("device password in: %s", all).isFalse();
            assertThat(FF_PASSWORD.matcher(all).find()).as("Fleet Freedom password in: %s", all).isFalse();
        });
    }
}
