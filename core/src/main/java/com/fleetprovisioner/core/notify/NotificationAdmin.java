package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.common.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What people change: admins' webhooks (secret shown once), everyone's own email address and opt-out. */
public final class NotificationAdmin {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{1,63}");
    private static final int LOG_SIZE = 200;

    /** The clear secret exists only in this value, shown once to the admin who created the webhook. */
    public record CreatedWebhook(long id, String secret) {
    }

    private final NotificationRepository repository;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final Clock clock;

    public NotificationAdmin(NotificationRepository repository, SecretBox secrets, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Webhook> webhooks() {
        return repository.webhooks();
    }

    public List<Delivery> deliveries() {
        return repository.recent(LOG_SIZE);
    }

    public CreatedWebhook addWebhook(Actor actor, long userId, String rawName, String rawUrl) {
        String name = rawName == null ? "" : rawName.strip();
        String url = rawUrl == null ? "" : rawUrl.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty() || name.length() > 100) {
            errors.put("name", "webhook.error.name");
        }
        if (!validUrl(url)) {
            errors.put("url", "webhook.error.url");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String secret = "whsec_" + Secrets.randomToken(32);
        long id = repository.addWebhook(name, url, secrets.seal(secret), userId, clock.instant());
        record(actor, "webhook.created", "webhook " + id, "'" + name + "' " + hostOf(url));
        return new CreatedWebhook(id, secret);
    }

    public void removeWebhook(Actor actor, long id) {
        if (!repository.removeWebhook(id, clock.instant())) {
            throw new NotFoundException("No webhook with id " + id);
        }
        record(actor, "webhook.removed", "webhook " + id, "");
    }

    public Optional<Recipient> preferences(long userId) {
        return repository.recipient(userId);
    }

    public void savePreferences(Actor actor, long userId, String rawEmail, boolean optedOut) {
        String email = rawEmail == null ? "" : rawEmail.strip();
        if (!email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw ValidationException.of("email", "account.error.email");
        }
        repository.saveEmailPreferences(userId, email.isEmpty() ? Optional.empty() : Optional.of(email), optedOut,
                clock.instant());
        record(actor, "account.notifications", actor.name(), (email.isEmpty() ? "no address" : "address set")
                + (optedOut ? ", emails off" : ", emails on"));
    }

    private static boolean validUrl(String url) {
        if (url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Audit shows the host only: a URL's path or query may hold the receiver's own token. */
    private static String hostOf(String url) {
        return URI.create(url).getHost();
    }

    private void record(Actor actor, String action, String target, String details) {
        audit.record(new AuditEntry(clock.instant(), actor, action, target, details));
    }
}
