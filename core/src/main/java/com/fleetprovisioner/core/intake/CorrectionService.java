package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.DeviceCorrection;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Edit and requeue": a person corrects the fields behind a failed or cancelled device's error (kind,
 * company, phone, password) and sends it again. The values pass the same {@link RowValidator} as an
 * upload's rows; the id stays. Only a device that was never added can be corrected (failed and cancelled
 * devices with no unknown outcome): its billing guarantees do not change, and the next attempt starts
 * with a reconcile like any requeue. The password is write-only: blank keeps the stored one.
 */
public final class CorrectionService {
    /** The fields a person may change; the others keep their stored values. */
    public static final List<DeviceField> EDITABLE = List.of(DeviceField.KIND, DeviceField.COMPANY, DeviceField.PHONE,
            DeviceField.PASSWORD);

    private final Transactions transactions;
    private final DeviceRepository devices;
    private final IntakeService intake;
    private final SecretBox secrets;
    private final ProvisioningQueue queue;
    private final AuditLog audit;
    private final Clock clock;

    public CorrectionService(Transactions transactions, DeviceRepository devices, IntakeService intake,
            SecretBox secrets, ProvisioningQueue queue, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.devices = devices;
        this.intake = intake;
        this.secrets = secrets;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean correctable(DeviceState state, boolean outcomeUnknown) {
        return (state == DeviceState.FAILED || state == DeviceState.CANCELLED) && !outcomeUnknown;
    }

    public void editAndRequeue(Actor actor, String providerId, Map<DeviceField, String> input) {
        DeviceDetail device = devices.findByProviderId(providerId)
                .orElseThrow(() -> new NotFoundException("notFound.deviceId", providerId));
        if (!correctable(device.state(), device.outcomeUnknown())) {
            throw ValidationException.of("state", "history.edit.error.state", providerId, device.state().label());
        }
        DeviceValues values = validate(providerId, input);
        DeviceCorrection correction = new DeviceCorrection(values.kind().orElseThrow(), values.company().orElseThrow(),
                values.phone(), values.password().map(secrets::seal));
        List<String> changed = changed(device, input);
        Instant now = clock.instant();
        transactions.run(() -> {
            if (!devices.correct(device.id(), correction, now) || !devices.requeue(device.id(), now)) {
                throw ValidationException.of("state", "history.edit.error.changed", providerId);
            }
            devices.append(DeviceEvent.byUser(device.id(), now, DeviceEvent.Type.REQUEUED, actor.userId(),
                    Text.of("event.text.edited", String.join(", ", changed), actor.name())));
            audit.record(new AuditEntry(now, actor, "device.edit-requeue", "device:" + providerId,
                    "Edited " + String.join(", ", changed) + "; requeued from " + device.state().id()));
        });
        queue.enqueue(List.of(device.id()));
    }

    /** The row rules of an upload, on a row made of the id and the typed values. */
    private DeviceValues validate(String providerId, Map<DeviceField, String> input) {
        Map<DeviceField, String> cells = new EnumMap<>(DeviceField.class);
        Arrays.stream(DeviceField.values()).forEach(f -> cells.put(f, ""));
        EDITABLE.forEach(f -> cells.put(f, input.getOrDefault(f, "")));
        cells.put(DeviceField.ID, providerId);
        List<String> header = Arrays.stream(DeviceField.values()).map(DeviceField::templateHeader).toList();
        HeaderMapping mapping = HeaderMapping.tryHeader(new SheetRow(0, header, Map.of())).orElseThrow();
        IntakeRow row = new RowValidator(IntakeDefaults.none(), intake.knownCompanies(IntakeDefaults.none()))
                .check(new SheetRow(1, new ArrayList<>(cells.values()), Map.of()), mapping);
        Map<String, Text> errors = new LinkedHashMap<>();
        row.messages().stream().filter(m -> m.severity() == RowMessage.Severity.ERROR)
                .forEach(m -> errors.putIfAbsent(m.field().map(DeviceField::key).orElse("device"), m.text()));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return row.values();
    }

    /** Names only: the audit and the timeline never hold a password, and need not hold the rest. */
    private static List<String> changed(DeviceDetail device, Map<DeviceField, String> input) {
        List<String> changed = new ArrayList<>();
        if (!input.getOrDefault(DeviceField.KIND, "").strip().equalsIgnoreCase(device.kind())) {
            changed.add(DeviceField.KIND.key());
        }
        if (!input.getOrDefault(DeviceField.COMPANY, "").strip().equals(Long.toString(device.companyId()))) {
            changed.add(DeviceField.COMPANY.key());
        }
        if (!input.getOrDefault(DeviceField.PHONE, "").isBlank()) {
            changed.add(DeviceField.PHONE.key());
        }
        if (!input.getOrDefault(DeviceField.PASSWORD, "").isEmpty()) {
            changed.add(DeviceField.PASSWORD.key());
        }
        return changed.isEmpty() ? List.of("nothing") : changed;
    }
}
