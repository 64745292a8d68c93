package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.web.render.Texts;
import java.util.LinkedHashMap;
import java.util.Map;

/** Batches and rows as the REST API shows them. Passwords never appear (not even sealed). */
final class IntakeJson {
    private IntakeJson() {
    }

    static Map<String, Object> batch(Batch batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", batch.id());
        body.put("state", batch.state().id());
        body.put("fileName", batch.fileName().orElse(null));
        body.put("sha256", batch.fileSha256().orElse(null));
        body.put("header", batch.header());
        body.put("notices", batch.noticeTexts().stream().map(Texts::english).toList());
        Batch.Counts c = batch.counts();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("rows", c.total());
        totals.put("valid", c.valid());
        totals.put("warnings", c.warning());
        totals.put("errors", c.error());
        totals.put("duplicates", c.duplicate());
        totals.put("alreadyKnown", c.existing());
        body.put("totals", totals);
        return body;
    }

    static Map<String, Object> row(IntakeRow row) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("row", row.rowNumber());
        body.put("status", row.status().id());
        body.put("cells", row.cells());
        Map<String, Object> values = new LinkedHashMap<>();
        row.values().providerId().ifPresent(v -> values.put(DeviceField.ID.key(), v));
        row.values().kind().ifPresent(v -> values.put(DeviceField.KIND.key(), v));
        row.values().company().ifPresent(v -> values.put(DeviceField.COMPANY.key(), v));
        row.values().phone().ifPresent(v -> values.put(DeviceField.PHONE.key(), v));
        row.values().config().ifPresent(v -> values.put(DeviceField.CONFIG.key(), v));
        row.values().name().ifPresent(v -> values.put(DeviceField.NAME.key(), v));
        body.put("values", values);
        body.put("messages", row.messages().stream().map(m -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("severity", m.severity().name().toLowerCase(java.util.Locale.ROOT));
            message.put("field", m.field().map(DeviceField::key).orElse(null));
            message.put("column", m.column());
            message.put("text", Texts.english(m.text()));
            boolean keyed = !m.text().key().equals(Text.VERBATIM);
            message.put("messageKey", keyed ? m.text().key() : null);
            message.put("messageArgs", keyed ? m.text().args() : null);
            return message;
        }).toList());
        row.duplicateOfRow().ifPresent(r -> body.put("duplicateOfRow", r));
        return body;
    }
}
