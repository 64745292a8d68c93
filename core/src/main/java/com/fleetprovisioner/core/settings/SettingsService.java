package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time settings: the environment's values until an admin saves others, which then win until
 * reverted. Saving validates, seals the password with the {@link SecretBox}, bumps the version every
 * process polls, and audits which values changed (never the password's value).
 *
 * <p>Endpoint and login changes follow one rule, because a device's unknown outcome may only be checked
 * on the server it was sent to: refused while any device is being sent; while devices wait for such a
 * check, accepted only when the admin confirms the new endpoint or login is the same account.
 */
public final class SettingsService {
    private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsRepository repository;
    private final SendsInProgress sends;
    private final SettingsDefaults defaults;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public SettingsService(SettingsRepository repository, SendsInProgress sends, SettingsDefaults defaults,
            SecretBox secrets, AuditLog audit, Transactions transactions, Clock clock) {
        this.repository = repository;
        this.sends = sends;
        this.defaults = defaults;
        this.secrets = secrets;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public long version() {
        return repository.version();
    }

    /**
     * The values in force now. Saved values were checked when saved; should one fail the rules later
     * (an environment variable changed under it), the rest stay in force and the rules' safe value
     * replaces it: falling back to the environment wholesale could silently switch the endpoint.
     */
    public Settings current() {
        long version = repository.version();
        SettingsRules rules = SettingsRules.check(merge(opened(repository.readAll())));
        Settings settings = rules.settings(defaults.builtInSimulator(), version);
        if (!rules.errors().isEmpty()) {
            log.warn("Settings version {} has values out of range, safe values used instead: {}", version, rules.errors());
        }
        return settings;
    }

    public SettingsView view() {
        Map<String, SettingsRepository.Stored> stored = repository.readAll();
        Settings effective = current();
        List<SettingsView.Field> fields = new ArrayList<>();
        for (SettingKey key : SettingKey.values()) {
            Optional<SettingsRepository.Stored> own = Optional.ofNullable(stored.get(key.stored()));
            Optional<String> value = own.map(s -> key.secret() ? "" : s.value()).or(() -> defaults.value(key));
            SettingsView.Origin origin = own.isPresent() ? SettingsView.Origin.APP
                    : defaults.value(key).isEmpty() ? SettingsView.Origin.NONE
                    : defaults.builtIn(key) ? SettingsView.Origin.BUILT_IN : SettingsView.Origin.ENVIRONMENT;
            fields.add(new SettingsView.Field(key, key.secret() ? "" : value.orElse(""), origin,
                    key.secret() ? "" : defaults.value(key).orElse(""), value.isPresent(),
                    own.map(SettingsRepository.Stored::updatedAt)));
        }
        return new SettingsView(List.copyOf(fields), effective, sends.count());
    }

    /**
     * Saves what changed. Throws {@link ValidationException} (messages by form field) and saves nothing
     * when a value is unacceptable or the endpoint rule refuses the change.
     *
     * @return the names of the changed fields; empty when nothing changed
     */
    public List<String> save(Actor actor, SettingsForm form) {
        Map<String, SettingsRepository.Stored> stored = repository.readAll();
        Map<SettingKey, String> saved = opened(stored);
        Map<SettingKey, String> next = overrides(form, saved);
        Settings before = current();
        SettingsRules rules = SettingsRules.check(merge(next));
        Settings after = rules.settings(defaults.builtInSimulator(), before.version());
        Map<String, Text> errors = new LinkedHashMap<>(rules.errors());
        if (errors.isEmpty()) {
            passwordElsewhere(form, next, before, after).ifPresent(m -> errors.put(SettingKey.PASSWORD.field(), m));
        }
        if (errors.isEmpty() && !after.sameAccount(before)) {
            accountChangeRefusal(form).ifPresent(message -> errors.put(changedAccountField(before, after), message));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<SettingKey> changed = new ArrayList<>();
        for (SettingKey key : SettingKey.values()) {
            if (!java.util.Objects.equals(saved.get(key), next.get(key))) {
                changed.add(key);
            }
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        transactions.run(() -> {
            repository.write(upserts(changed, next, actor, now), removals(changed, next), now);
            audit.record(new AuditEntry(now, actor, "settings.changed", "settings", describe(changed, saved, next)));
        });
        return changed.stream().map(SettingKey::field).toList();
    }

    /**
     * The values a connection test uses: the form's, where a blank password falls back to the one in
     * force only when the endpoint is the one that password belongs to.
     */
    public Settings proposed(SettingsForm form) {
        Map<SettingKey, String> next = overrides(form, opened(repository.readAll()));
        SettingsRules rules = SettingsRules.check(merge(next));
        Settings settings = rules.settings(defaults.builtInSimulator(), 0);
        Map<String, Text> errors = new LinkedHashMap<>(rules.errors());
        errors.keySet().retainAll(Set.of(SettingKey.ENDPOINT.field(), SettingKey.USERNAME.field(),
                SettingKey.PASSWORD.field()));
        if (settings.endpoint().isEmpty() && errors.isEmpty()) {
            errors.put(SettingKey.ENDPOINT.field(), Text.of("settings.error.endpointToTest"));
        }
        if (errors.isEmpty()) {
            passwordElsewhere(form, next, current(), settings)
                    .ifPresent(m -> errors.put(SettingKey.PASSWORD.field(), m));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return settings;
    }

    /**
     * The password in force belongs to the endpoint it was typed with (the environment's password to the
     * environment's endpoint). Sending it anywhere else would let whoever may edit the endpoint read it,
     * so an untyped password may only go where it belongs. By induction over saves, a saved password
     * belongs to the endpoint in force before the save.
     */
    private Optional<Text> passwordElsewhere(SettingsForm form, Map<SettingKey, String> next, Settings before,
            Settings after) {
        if (after.password().isEmpty() || (!form.raw(SettingKey.PASSWORD).isEmpty()
                && !form.revert().contains(SettingKey.PASSWORD))) {
            return Optional.empty();
        }
        Optional<URI> belongsTo = next.containsKey(SettingKey.PASSWORD) ? before.endpoint()
                : defaults.value(SettingKey.ENDPOINT).flatMap(SettingsService::uri);
        if (after.endpoint().equals(belongsTo)) {
            return Optional.empty();
        }
        return Optional.of(Text.of("settings.error.passwordElsewhere"));
    }

    private static Optional<URI> uri(String raw) {
        try {
            return Optional.of(new URI(raw.trim()));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    public void auditTest(Actor actor, Settings tested, String result) {
        audit.record(new AuditEntry(clock.instant(), actor, "settings.connection_tested",
                tested.endpoint().map(Object::toString).orElse(""), "user " + tested.username().orElse("") + ": " + result));
    }

    private Optional<Text> accountChangeRefusal(SettingsForm form) {
        SendsInProgress.Counts counts = sends.count();
        if (counts.sending() > 0) {
            return Optional.of(Text.of("settings.error.sending", counts.sending()));
        }
        if (counts.unknownOutcomes() > 0 && !form.confirmSameAccount()) {
            return Optional.of(Text.of("settings.error.unknownOutcomes", counts.unknownOutcomes()));
        }
        return Optional.empty();
    }

    private static String changedAccountField(Settings before, Settings after) {
        return before.endpoint().equals(after.endpoint()) ? SettingKey.USERNAME.field() : SettingKey.ENDPOINT.field();
    }

    /** The saved values after the form: reverted keys removed, unchanged defaults not stored. */
    private Map<SettingKey, String> overrides(SettingsForm form, Map<SettingKey, String> saved) {
        Map<SettingKey, String> next = new EnumMap<>(SettingKey.class);
        next.putAll(saved);
        for (SettingKey key : SettingKey.values()) {
            if (form.revert().contains(key)) {
                next.remove(key);
                continue;
            }
            if (!form.values().containsKey(key)) {
                continue;
            }
            String raw = form.raw(key);
            if (key.secret() && raw.isEmpty()) {
                continue;
            }
            if (raw.equals(saved.get(key))) {
                continue;
            }
            if (key.secret()) {
                // a typed password is stored even when it equals the environment's: it then belongs to
                // the endpoint it was typed with (see passwordElsewhere)
                next.put(key, raw);
                continue;
            }
            // a value equal to the default is not stored, except one an admin typed over an environment
            // variable: it then stays theirs if the environment changes
            if (raw.equals(defaults.value(key).orElse(""))
                    && (!saved.containsKey(key) || raw.isEmpty() || key.envVar().isEmpty())) {
                next.remove(key);
                continue;
            }
            next.put(key, raw);
        }
        return next;
    }

    private Map<SettingKey, String> merge(Map<SettingKey, String> saved) {
        Map<SettingKey, String> merged = new EnumMap<>(SettingKey.class);
        merged.putAll(defaults.values());
        merged.putAll(saved);
        return merged;
    }

    private Map<SettingKey, String> opened(Map<String, SettingsRepository.Stored> stored) {
        Map<SettingKey, String> out = new EnumMap<>(SettingKey.class);
        stored.forEach((name, s) -> SettingKey.byStored(name)
                .ifPresent(key -> out.put(key, s.secret() ? secrets.open(s.value()) : s.value())));
        return out;
    }

    private Map<String, SettingsRepository.Stored> upserts(List<SettingKey> changed, Map<SettingKey, String> next,
            Actor actor, Instant now) {
        Map<String, SettingsRepository.Stored> out = new HashMap<>();
        for (SettingKey key : changed) {
            String value = next.get(key);
            if (value != null) {
                out.put(key.stored(), new SettingsRepository.Stored(key.secret() ? secrets.seal(value) : value,
                        key.secret(), now, actor.userId()));
            }
        }
        return out;
    }

    private static Set<String> removals(List<SettingKey> changed, Map<SettingKey, String> next) {
        Set<String> out = new HashSet<>();
        changed.stream().filter(key -> !next.containsKey(key)).forEach(key -> out.add(key.stored()));
        return out;
    }

    /** "sendRate: 50 -> 5; password: changed; endpoint: reverted to the environment value" */
    private String describe(List<SettingKey> changed, Map<SettingKey, String> saved, Map<SettingKey, String> next) {
        List<String> parts = new ArrayList<>();
        for (SettingKey key : changed) {
            if (!next.containsKey(key)) {
                parts.add(key.field() + ": reverted to the " + (defaults.builtIn(key) ? "built-in" : "environment")
                        + " value");
            } else if (key.secret()) {
                parts.add(key.field() + ": changed");
            } else {
                String was = Optional.ofNullable(saved.get(key)).or(() -> defaults.value(key)).orElse("(none)");
                parts.add(key.field() + ": " + was + " -> " + next.get(key));
            }
        }
        return String.join("; ", parts);
    }
}
