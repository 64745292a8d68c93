package com.fleetprovisioner.fleetfreedom;

public enum ConnectionState {
    DISCONNECTED, CONNECTING, CONNECTED, STOPPED
}
