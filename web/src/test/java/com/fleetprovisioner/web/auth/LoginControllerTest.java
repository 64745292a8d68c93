package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginControllerTest {
    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "/admin/users?x=1, /admin/users?x=1",
        "/, /",
        "NULL, /",
        "https://evil.example/, /",
        "//evil.example/path, /",
        "/\\evil.example, /",
        "admin/users, /"
    })
    void afterSignInOnlyPathsOnThisSiteAreFollowed(String next, String expected) {
        assertThat(LoginController.safeNext(next)).isEqualTo(expected);
    }
}
