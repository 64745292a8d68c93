package com.fleetprovisioner.fleetfreedom;

import java.net.URI;
import java.time.Instant;

/** What /health and the pages show: state, a sentence for humans, where (no secrets), since when. */
public record ConnectionStatus(ConnectionState state, String detail, URI endpoint, Instant since) {
}
