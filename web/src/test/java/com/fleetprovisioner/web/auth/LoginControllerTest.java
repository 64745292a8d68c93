package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginControllerTest {
    /** {@code next} as the handler receives it (query decoding already done), and where the user goes. */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("a page with a query", "/admin/users?x=1", "/admin/users?x=1"),
                Arguments.of("home", "/", "/"),
                Arguments.of("a fragment", "/batches/7#devices", "/batches/7#devices"),
                Arguments.of("an encoded space in the query", "/history?q=a%20b", "/history?q=a%20b"),
                Arguments.of("dot segments inside the site", "/batches/../history", "/history"),
                Arguments.of("none", null, "/"),
                Arguments.of("empty", "", "/"),
                Arguments.of("relative", "admin/users", "/"),
                Arguments.of("absolute https", "https://evil.example/", "/"),
                Arguments.of("absolute http to us", "http://127.0.0.1:7070/", "/"),
                Arguments.of("javascript", "javascript:alert(1)", "/"),
                Arguments.of("protocol-relative", "//evil.example/path", "/"),
                Arguments.of("triple slash", "///evil.example/path", "/"),
                Arguments.of("backslash", "/\\evil.example", "/"),
                Arguments.of("backslash later", "/x\\..\\\\evil.example", "/"),
                Arguments.of("tab (the audit's case)", "/\t/evil.example/x", "/"),
                Arguments.of("newline", "/\n/evil.example/x", "/"),
                Arguments.of("carriage return", "/\r/evil.example/x", "/"),
                Arguments.of("NUL", "/\0/evil.example/x", "/"),
                Arguments.of("leading space", " //evil.example", "/"),
                Arguments.of("non-ASCII slash-like", "/\u2215evil.example", "/"),
                Arguments.of("encoded tab", "/%09/evil.example/x", "/"),
                Arguments.of("encoded slash", "/%2Fevil.example", "/"),
                Arguments.of("encoded backslash", "/%5Cevil.example", "/"),
                Arguments.of("double-encoded slash", "/%252Fevil.example", "/"),
                Arguments.of("double-encoded tab", "/%2509/evil.example", "/"),
                Arguments.of("broken encoding", "/%zz", "/"),
                Arguments.of("dot segments before a doubled slash stay on the site", "/a/..//evil.example", "/evil.example"),
                Arguments.of("user info", "/@evil.example", "/@evil.example"),
                Arguments.of("very long", "/" + "a".repeat(5000), "/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void afterSignInOnlyPathsOnThisSiteAreFollowed(String what, String next, String expected) {
        assertThat(LoginController.safeNext(next)).isEqualTo(expected);
    }
}
