package io.tributary.input.forward;

import io.netty.channel.Channel;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** How log lines name a connection's peer: {@code 127.0.0.1:54012}, or {@code unix:/path} for a unix socket. */
final class PeerAddress {
    private PeerAddress() {}

    static String of(Channel ch) {
        SocketAddress remote = ch.remoteAddress();
        if (remote instanceof InetSocketAddress in) {
            String host = in.getAddress() != null ? in.getAddress().getHostAddress() : in.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + in.getPort();
        }
        // Unix peers rarely bind a path of their own: name the socket they came through.
        SocketAddress local = ch.localAddress();
        if (local instanceof DomainSocketAddress d) return "unix:" + d.path();
        return String.valueOf(remote);
    }
}
