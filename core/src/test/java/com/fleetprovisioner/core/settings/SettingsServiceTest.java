package com.fleetprovisioner.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.audit.AuditQuery;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.config.AppConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Validation, merging with the environment, sealing and auditing, over an in-memory store. */
class SettingsServiceTest {
    private static final Actor ADMIN = Actor.user(1, "admin", "10.0.0.1");
    private static final String PASSWORD = "env-password-123";

    private final MemoryStore store = new MemoryStore();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final SecretBox secrets = SecretBox.random();
    private final SettingsService service = service(SettingsDefaults.from(AppConfig.from(Map.of(
            "FP_FF_URL", "wss://ff.example.com/", "FP_FF_USERNAME", "robot", "FP_FF_PASSWORD", PASSWORD,
            "FP_SEND_RATE", "40"))));

    @Test
    void environmentValuesApplyUntilAnAdminSavesOthers() {
        Settings env = service.current();
        assertThat(env.endpoint()).contains(URI.create("wss://ff.example.com/"));
        assertThat(env.sendRate()).isEqualTo(40);
        assertThat(env.password()).contains(PASSWORD);
        assertThat(env.simulator()).isFalse();
        assertThat(service.view().field(SettingKey.SEND_RATE).origin()).isEqualTo(SettingsView.Origin.ENVIRONMENT);

        assertThat(service.save(ADMIN, form(Map.of(SettingKey.SEND_RATE, "5", SettingKey.DEFAULT_COMPANY, "42"))))
                .containsExactlyInAnyOrder("sendRate", "defaultCompany");

        Settings saved = service.current();
        assertThat(saved.sendRate()).isEqualTo(5);
        assertThat(saved.defaultCompany()).contains(42L);
        assertThat(saved.version()).isGreaterThan(env.version());
        assertThat(service.view().field(SettingKey.SEND_RATE).origin()).isEqualTo(SettingsView.Origin.APP);
        assertThat(service.view().field(SettingKey.SEND_RATE).defaultValue()).isEqualTo("40");
    }

    @Test
    void revertingGivesBackTheEnvironmentValue() {
        service.save(ADMIN, form(Map.of(SettingKey.SEND_RATE, "5")));
        service.save(ADMIN, new SettingsForm(Map.of(SettingKey.SEND_RATE, "5"), Set.of(SettingKey.SEND_RATE), false));
        assertThat(service.current().sendRate()).isEqualTo(40);
        assertThat(store.rows).doesNotContainKey(SettingKey.SEND_RATE.stored());
        assertThat(audit.get(audit.size() - 1).details()).contains("sendRate: reverted to the environment value");
    }

    @Test
    void savingTheSameValuesChangesNothingAndAuditsNothing() {
        assertThat(service.save(ADMIN, form(Map.of(SettingKey.SEND_RATE, "40", SettingKey.PASSWORD, "")))).isEmpty();
        assertThat(store.rows).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithAMessagePerFieldAndNothingIsSaved() {
        Map<SettingKey, String> bad = new EnumMap<>(SettingKey.class);
        bad.put(SettingKey.ENDPOINT, "http://ff.example.com/");
        bad.put(SettingKey.SEND_RATE, "10001");
        bad.put(SettingKey.MAX_IN_FLIGHT, "0");
        bad.put(SettingKey.MAX_ATTEMPTS, "many");
        bad.put(SettingKey.RETRY_BASE, "60");
        bad.put(SettingKey.RETRY_MAX, "30");
        bad.put(SettingKey.DEFAULT_COMPANY, "-3");
        assertThatThrownBy(() -> service.save(ADMIN, form(bad)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys(
                        "endpoint", "sendRate", "maxInFlight", "maxAttempts", "retryMaxSeconds", "defaultCompany"));
        assertThat(store.rows).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void thePasswordIsSealedKeptWhenBlankAndNeverAudited() {
        service.save(ADMIN, form(Map.of(SettingKey.PASSWORD, "new-secret-456")));
        String stored = store.rows.get(SettingKey.PASSWORD.stored()).value();
        assertThat(stored).doesNotContain("new-secret-456").startsWith("v1:");
        assertThat(store.rows.get(SettingKey.PASSWORD.stored()).secret()).isTrue();
        assertThat(service.current().password()).contains("new-secret-456");

        service.save(ADMIN, form(Map.of(SettingKey.PASSWORD, "", SettingKey.SEND_RATE, "7")));
        assertThat(service.current().password()).contains("new-secret-456");

        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).details()).isEqualTo("password: changed").doesNotContain("new-secret-456");
        assertThat(audit).allSatisfy(e -> assertThat(e.toString()).doesNotContain("new-secret-456", PASSWORD));
        assertThat(service.view().field(SettingKey.PASSWORD).value()).isEmpty();
        assertThat(service.view().field(SettingKey.PASSWORD).isSet()).isTrue();
    }

    @Test
    void anEndpointChangeIsRefusedWhileADeviceIsBeingSent() {
        store.counts = new SendsInProgress.Counts(2, 0);
        assertThatThrownBy(() -> service.save(ADMIN, form(Map.of(SettingKey.ENDPOINT, "wss://other.example.com/",
                SettingKey.PASSWORD, "other-password"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("endpoint"))
                        .isEqualTo(Text.of("settings.error.sending", 2)));
        // confirming the same account does not help: the answer to a send in flight comes from the old server
        assertThatThrownBy(() -> service.save(ADMIN, new SettingsForm(Map.of(SettingKey.USERNAME, "robot2"),
                Set.of(), true))).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("username"));
        // pacing is not an account change
        assertThat(service.save(ADMIN, form(Map.of(SettingKey.SEND_RATE, "3")))).containsExactly("sendRate");
        assertThat(service.current().endpoint()).contains(URI.create("wss://ff.example.com/"));
    }

    @Test
    void unknownOutcomesNeedTheSameAccountConfirmation() {
        store.counts = new SendsInProgress.Counts(0, 3);
        Map<SettingKey, String> move = Map.of(SettingKey.ENDPOINT, "wss://new-name.example.com/",
                SettingKey.PASSWORD, PASSWORD);
        assertThatThrownBy(() -> service.save(ADMIN, form(move)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("endpoint"))
                        .isEqualTo(Text.of("settings.error.unknownOutcomes", 3)));
        assertThat(service.save(ADMIN, new SettingsForm(move, Set.of(), true)))
                .as("the password typed with the new endpoint is kept for it").containsExactlyInAnyOrder("endpoint", "password");
        assertThat(service.current().endpoint()).contains(URI.create("wss://new-name.example.com/"));
    }

    @Test
    void aSavedValueTheEnvironmentLaterContradictsDoesNotDropTheSavedEndpoint() {
        service.save(ADMIN, form(Map.of(SettingKey.ENDPOINT, "wss://saved.example.com/", SettingKey.PASSWORD, "saved-pw",
                SettingKey.RETRY_BASE, "100")));
        SettingsService restarted = service(SettingsDefaults.from(AppConfig.from(Map.of(
                "FP_FF_URL", "wss://ff.example.com/", "FP_FF_USERNAME", "robot", "FP_FF_PASSWORD", PASSWORD,
                "FP_RETRY_BASE_SECONDS", "5", "FP_RETRY_MAX_SECONDS", "60"))));
        Settings now = restarted.current();
        assertThat(now.endpoint()).contains(URI.create("wss://saved.example.com/"));
        assertThat(now.retryBaseSeconds()).isEqualTo(100);
        assertThat(now.retryMaxSeconds()).isEqualTo(60);
    }

    @Test
    void theBuiltInSimulatorIsTheDefaultTargetOfTheOneJvmApp() {
        URI builtIn = URI.create("ws://127.0.0.1:4567/");
        SettingsService app = service(SettingsDefaults.from(AppConfig.from(Map.of()))
                .withBuiltInSimulator(builtIn, "ops@example.com", "secret"));
        assertThat(app.current().simulator()).isTrue();
        assertThat(app.view().field(SettingKey.ENDPOINT).origin()).isEqualTo(SettingsView.Origin.BUILT_IN);

        app.save(ADMIN, form(Map.of(SettingKey.ENDPOINT, "wss://ff.example.com/", SettingKey.USERNAME, "robot",
                SettingKey.PASSWORD, "pw-123")));
        assertThat(app.current().simulator()).as("a real endpoint: no banner").isFalse();

        app.save(ADMIN, form(Map.of(SettingKey.SIMULATOR, "true")));
        assertThat(app.current().simulator()).as("marked as a standalone simulator").isTrue();
    }

    @Test
    void aConnectionTestUsesTheTypedValuesAndTheStoredPasswordWhenLeftBlank() {
        Settings proposed = service.proposed(form(Map.of(SettingKey.USERNAME, "other", SettingKey.PASSWORD, "")));
        assertThat(proposed.username()).contains("other");
        assertThat(proposed.password()).contains(PASSWORD);
        assertThat(store.rows).isEmpty();
        assertThatThrownBy(() -> service.proposed(form(Map.of(SettingKey.ENDPOINT, "not a url"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("endpoint"));
    }

    @Test
    void thePasswordInForceIsNeverProposedForAnotherEndpoint() {
        assertThatThrownBy(() -> service.proposed(form(Map.of(SettingKey.ENDPOINT, "ws://10.0.0.9:8080/",
                SettingKey.PASSWORD, "")))).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("password"));
        assertThat(service.proposed(form(Map.of(SettingKey.ENDPOINT, "ws://10.0.0.9:8080/",
                SettingKey.PASSWORD, "typed-here"))).password()).contains("typed-here");

        service.save(ADMIN, form(Map.of(SettingKey.PASSWORD, "saved-here-789")));
        assertThat(service.proposed(form(Map.of(SettingKey.PASSWORD, ""))).password()).contains("saved-here-789");
        assertThatThrownBy(() -> service.proposed(form(Map.of(SettingKey.ENDPOINT, "wss://evil.example.com/"))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void theEnvironmentsPasswordTypedWithANewEndpointStaysUsableThere() {
        service.save(ADMIN, form(Map.of(SettingKey.ENDPOINT, "wss://second.example.com/", SettingKey.PASSWORD, PASSWORD)));
        assertThat(service.save(ADMIN, form(Map.of(SettingKey.SEND_RATE, "9")))).containsExactly("sendRate");
        assertThat(service.proposed(form(Map.of(SettingKey.PASSWORD, ""))).password()).contains(PASSWORD);
    }

    @Test
    void aSaveThatWouldSendThePasswordElsewhereNeedsItTyped() {
        service.save(ADMIN, form(Map.of(SettingKey.PASSWORD, "saved-here-789")));
        assertThatThrownBy(() -> service.save(ADMIN, form(Map.of(SettingKey.ENDPOINT, "wss://evil.example.com/"))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("password"));
        assertThat(service.save(ADMIN, form(Map.of(SettingKey.ENDPOINT, "wss://moved.example.com/",
                SettingKey.PASSWORD, "moved-pw")))).containsExactlyInAnyOrder("endpoint", "password");
        // the environment's password belongs to the environment's endpoint, not to the saved one
        assertThatThrownBy(() -> service.save(ADMIN, new SettingsForm(Map.of(), Set.of(SettingKey.PASSWORD), false)))
                .isInstanceOf(ValidationException.class);
        assertThat(service.save(ADMIN, new SettingsForm(Map.of(), Set.of(SettingKey.PASSWORD, SettingKey.ENDPOINT),
                false))).containsExactlyInAnyOrder("endpoint", "password");
        assertThat(service.current().password()).contains(PASSWORD);
    }

    private static SettingsForm form(Map<SettingKey, String> values) {
        return new SettingsForm(values, Set.of(), false);
    }

    private SettingsService service(SettingsDefaults defaults) {
        Transactions direct = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
        AuditLog log = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                audit.add(entry);
            }

            @Override
            public List<Stored> search(AuditQuery query) {
                return List.of();
            }
        };
        return new SettingsService(store, store, defaults, secrets, log, direct,
                Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));
    }

    /** The repository contract in memory; the jOOQ one is tested on H2 and PostgreSQL. */
    private static final class MemoryStore implements SettingsRepository, SendsInProgress {
        final Map<String, Stored> rows = new HashMap<>();
        long version;
        Counts counts = new Counts(0, 0);

        @Override
        public Map<String, Stored> readAll() {
            return Map.copyOf(rows);
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public void write(Map<String, Stored> upserts, Set<String> removals, Instant now) {
            removals.forEach(rows::remove);
            rows.putAll(upserts);
            version++;
        }

        @Override
        public Counts count() {
            return counts;
        }
    }
}
