package com.fleetprovisioner.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose {@code X-Forwarded-For} / {@code X-Forwarded-Proto} we believe
 * ({@code FP_TRUSTED_PROXIES}, CIDRs): a header from any other peer is somebody's claim, not a fact.
 * Addresses are parsed as literals only: a host name here would mean a DNS lookup per request.
 */
public final class TrustedProxies {
    public static final String DEFAULT = "127.0.0.1/32,::1/128";
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Cidr(byte[] network, int prefix, String text) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = rest == 0 ? 0 : (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> ranges;

    private TrustedProxies(List<Cidr> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** {@code 10.0.0.0/8, 192.168.1.7, fd00::/8}: a bare address is one host. */
    public static TrustedProxies parse(String list) {
        List<Cidr> ranges = new ArrayList<>();
        for (String item : list.split(",")) {
            String text = item.strip();
            if (!text.isEmpty()) {
                ranges.add(cidr(text));
            }
        }
        return new TrustedProxies(ranges);
    }

    /** True when {@code address} (a literal, as a socket reports it) is one of the trusted proxies. */
    public boolean contains(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(range -> range.contains(bytes.get()));
    }

    /** The bytes of an IP literal; empty for anything else (a name, garbage, a spoofed header's junk). */
    public static Optional<byte[]> literal(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.chars().filter(c -> c == '.').count() != 3)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Cidr cidr(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] network = literal(host).orElseThrow(() -> new ConfigException(
                "FP_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR (e.g. 10.0.0.0/8, fd00::/8)"));
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new ConfigException("FP_TRUSTED_PROXIES: '" + text + "' has a prefix length outside 0.."
                        + network.length * 8);
            }
        }
        return new Cidr(network, prefix, text);
    }

    @Override
    public String toString() {
        return ranges.stream().map(Cidr::text).collect(Collectors.joining(","));
    }
}
