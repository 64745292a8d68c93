package com.fleetprovisioner.core.notify;

import java.util.Map;

/** POSTs a JSON body; throws unless the endpoint answered 2xx. */
public interface WebhookPoster {
    void post(String url, String json, Map<String, String> headers) throws Exception;
}
