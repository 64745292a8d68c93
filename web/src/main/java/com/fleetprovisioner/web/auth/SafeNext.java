package com.fleetprovisioner.web.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where to go after signing in: only a path on this site. Anything else (absolute and
 * protocol-relative URLs, control characters and spaces that browsers drop, backslashes they read
 * as slashes, the same hidden behind percent-encoding or dot segments) sends the user to {@code /}.
 */
final class SafeNext {
    static final String HOME = "/";
    private static final int MAX_LENGTH = 2000;
    private static final URI ORIGIN = URI.create("http://origin.invalid/");

    private SafeNext() {
    }

    static String of(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || !plainAscii(next)) {
            return HOME;
        }
        // only the path decides where the browser goes; a query may hold any encoded text
        String decoded = percentDecoded(next.split("[?#]", 2)[0], 3);
        if (decoded == null || !plainAscii(decoded) || !sitePath(next) || !sitePath(decoded)) {
            return HOME;
        }
        try {
            URI resolved = ORIGIN.resolve(new URI(next)).normalize();
            boolean sameOrigin = "http".equals(resolved.getScheme()) && ORIGIN.getHost().equals(resolved.getHost())
                    && resolved.getPort() == -1 && resolved.getRawUserInfo() == null;
            String path = resolved.getRawPath();
            if (!sameOrigin || path == null || !sitePath(path) || path.toLowerCase(Locale.ROOT).contains("/..")) {
                return HOME;
            }
            return path + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery())
                    + (resolved.getRawFragment() == null ? "" : "#" + resolved.getRawFragment());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return HOME;
        }
    }

    /** One slash, then not a second one or a backslash: a path, never an authority. */
    private static boolean sitePath(String value) {
        return value.startsWith("/") && !value.startsWith("//") && value.indexOf('\\') < 0;
    }

    /** Printable ASCII without spaces: what a link of ours looks like; control characters never pass. */
    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoded up to {@code rounds} times (double encoding included); null when malformed. */
    private static String percentDecoded(String value, int rounds) {
        String current = value;
        for (int round = 0; round < rounds && current.indexOf('%') >= 0; round++) {
            StringBuilder out = new StringBuilder(current.length());
            for (int i = 0; i < current.length(); i++) {
                char c = current.charAt(i);
                if (c != '%') {
                    out.append(c);
                    continue;
                }
                if (i + 2 >= current.length()) {
                    return null;
                }
                int hi = Character.digit(current.charAt(i + 1), 16);
                int lo = Character.digit(current.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.append((char) (hi * 16 + lo));
                i += 2;
            }
            current = out.toString();
        }
        return current;
    }
}
