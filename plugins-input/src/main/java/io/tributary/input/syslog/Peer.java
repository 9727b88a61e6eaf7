package io.tributary.input.syslog;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Where a message came from, encoded once per connection (or per datagram sender) rather than per message:
 * {@code host} fills a missing hostname, {@code sourceAddress} is the {@code Source_Address_Key} value in
 * Fluent Bit's {@code tcp://127.0.0.1:5514} form. Either may be null (a unix socket peer has no host).
 */
record Peer(byte[] host, byte[] sourceAddress, String display) {
    static final Peer UNKNOWN = new Peer(null, null, "unknown peer");

    static Peer of(String scheme, SocketAddress address, String unixPath) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            String source = scheme + "://" + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + inet.getPort();
            return new Peer(ip.getBytes(StandardCharsets.US_ASCII), source.getBytes(StandardCharsets.UTF_8), source);
        }
        if (unixPath != null) {
            String source = scheme + "://" + unixPath;
            return new Peer(null, source.getBytes(StandardCharsets.UTF_8), source);
        }
        return UNKNOWN;
    }
}
