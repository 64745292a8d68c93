package com.fleetprovisioner.web.routing;

/** One registered route and who may reach it: the list the access-control test walks. */
public record RouteSpec(String method, String path, Access access) {
}
