package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** Everything the server can send us, as decoded by {@link FrameCodec}. */
public sealed interface Inbound {

    /** A {@code <name>Response}. Errors come back inside it (§2), so this is also the error carrier. */
    record Reply(String name, Long reqId, int errorCode, String message, Optional<ErrorDetails> errorDetails,
                 JsonNode body) implements Inbound {
        public ErrorCode code() {
            return ErrorCode.of(errorCode);
        }

        public boolean ok() {
            return errorCode == 0;
        }
    }

    /** {@code broadcast}: maintenance (starting/ending) or upgrade (eta/reload). Times are server clock. */
    record Broadcast(String kind, Instant serverTime, String message, Instant starting, Instant ending,
                     Instant eta, Boolean reload) implements Inbound {
        public boolean isMaintenance() {
            return "maintenance".equals(kind);
        }
    }

    record SessionEnded(SessionInfo session) implements Inbound {
    }

    /** Subscription pushes such as {@code providerGeneralMerged}: not used by this project, tolerated. */
    record Unsolicited(String name, JsonNode body) implements Inbound {
    }

    /** A frame we could not make sense of; decoding never throws. */
    record DecodeError(String frame, String problem) implements Inbound {
    }
}
