package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

/** Where each user's chosen language (a language tag, or none for "follow the browser") is kept. */
public interface UserLanguageRepository {
    Optional<String> language(long userId);

    void setLanguage(long userId, Optional<String> languageTag, Instant now);
}
