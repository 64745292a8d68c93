package com.fleetprovisioner.core.fleetfreedom;

public enum ConnectionState {
    DISCONNECTED, CONNECTING, CONNECTED, STOPPED
}
