package com.fleetprovisioner.web.devices;

import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * REST: one device by its Fleet Freedom provider id, with its history, and requeue by our device id.
 * Times are ISO-8601 UTC; {@code billingStartedAt} is on Fleet Freedom's clock (protocol §5), the others
 * on ours.
 */
public final class DevicesApi {
    /**
     * {@code message}: the event's text in English (times in UTC); {@code messageKey} and {@code messageArgs}: the
     * same as stored, a key of the messages files and its arguments (null for an event recorded before keys,
     * whose {@code message} is its old English text), for a client that shows it in another language.
     */
    public record EventJson(String at, String type, Integer attempt, Integer errorCode, String message,
            String messageKey, List<String> messageArgs, Long actorUserId, String worker) {
        static EventJson of(DeviceEvent e) {
            boolean keyed = !e.text().key().equals(Text.VERBATIM);
            return new EventJson(e.at().toString(), e.type().id(), e.attempt().orElse(null), e.errorCode().orElse(null),
                    Texts.english(e.text()), keyed ? e.text().key() : null, keyed ? e.text().args() : null,
                    e.actorUserId().orElse(null), e.worker().orElse(null));
        }
    }

    public record DeviceJson(long id, String providerId, String kind, long company, long batchId, String state,
            int attempts, String nextAttemptAt, boolean outcomeUnknown, Integer lastErrorCode, String lastErrorMessage,
            String sentAt, String receivedAt, String billingStartedAt, String submittedAt, String updatedAt,
            List<EventJson> events) {
        static DeviceJson of(DeviceDetail d) {
            return new DeviceJson(d.id(), d.providerId(), d.kind(), d.companyId(), d.batchId(), d.state().id(),
                    d.attempts(), iso(d.nextAttemptAt()), d.outcomeUnknown(), d.lastErrorCode().orElse(null),
                    d.lastErrorMessage().map(Texts::english).orElse(null), iso(d.sentAt()), iso(d.receivedAt()), iso(d.billingStartedAt()),
                    d.submittedAt().toString(), d.updatedAt().toString(),
                    d.events().stream().map(EventJson::of).toList());
        }

        private static String iso(Optional<Instant> t) {
            return t.map(Instant::toString).orElse(null);
        }
    }

    private final BatchControlService control;
    private final DeviceRepository devices;

    public DevicesApi(BatchControlService control, DeviceRepository devices) {
        this.control = control;
        this.devices = devices;
    }

    public void register(Routes routes) {
        routes.get("/api/v1/devices/{providerId}", Access.VIEWER, this::show);
        routes.post("/api/v1/devices/{id}/requeue", Access.OPERATOR, this::requeue);
    }

    private void show(Context ctx) {
        String providerId = ctx.pathParam("providerId");
        ctx.json(devices.findByProviderId(providerId).map(DeviceJson::of)
                .orElseThrow(() -> new NotFoundException("notFound.providerId", providerId)));
    }

    private void requeue(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ValidationException.of("id", "api.error.deviceId");
        }
        control.requeueDevice(Principal.actor(ctx), id);
        ctx.json(devices.findById(id).map(DeviceJson::of).orElseThrow());
    }
}
