package io.consentflow.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) or a single address. Parsing never asks DNS:
 * only IP literals are accepted, for configured ranges and for forwarded addresses alike.
 */
record AddressRange(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP network in CIDR notation: '" + cidr + "'");
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network in CIDR notation: '" + cidr + "'");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
        }
        return new AddressRange(address.getAddress(), prefix);
    }

    /** The address an IP literal names (brackets around IPv6 allowed), or null for anything else: never a lookup. */
    static InetAddress literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
