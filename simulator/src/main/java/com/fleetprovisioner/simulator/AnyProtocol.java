package com.fleetprovisioner.simulator;

import org.java_websocket.protocols.IProtocol;

/**
 * Accepts whatever sub-protocol a client offers and echoes the first one back, because some vendor SDKs
 * pass the ghostId as the sub-protocol (§1).
 */
final class AnyProtocol implements IProtocol {

    private String accepted = "";

    @Override
    public boolean acceptProvidedProtocol(String header) {
        accepted = header == null ? "" : header.split(",")[0].strip();
        return true;
    }

    @Override
    public String getProvidedProtocol() {
        return accepted;
    }

    @Override
    public IProtocol copyInstance() {
        return new AnyProtocol();
    }

    @Override
    public String toString() {
        return accepted;
    }
}
