package io.tributary.input.forward;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tributary.record.MalformedMsgpackException;
import io.tributary.record.Msgpack;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server side of the Forward Protocol v1 handshake. On connect it sends
 * {@code ["HELO", {"nonce": <16 random bytes>, "auth": <16-byte salt, or "" without users>, "keepalive": true}]};
 * the client's first message must be
 * {@code ["PING", hostname, shared_key_salt, hex(sha512(shared_key_salt + hostname + nonce + shared_key)), username,
 * hex(sha512(auth_salt + username + password))]}. It answers
 * {@code ["PONG", true, "", self_hostname, hex(sha512(shared_key_salt + self_hostname + nonce + shared_key))]} and
 * steps out of the pipeline, or {@code ["PONG", false, reason, "", ""]} and closes: nothing a refused client sent is
 * passed on. Nonce and salt go out as msgpack bin so that clients which decode str as UTF-8 keep the raw bytes.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    static final int NONCE_BYTES = 16;

    private final ForwardConfig.AuthSettings auth;
    private final SecureRandom random;
    private final ConnectionFailures failures;
    private final byte[] nonce = new byte[NONCE_BYTES];
    private byte[] authSalt = new byte[0];
    private boolean refused;

    HandshakeHandler(ForwardConfig.AuthSettings auth, SecureRandom random, ConnectionFailures failures) {
        this.auth = auth;
        this.random = random;
        this.failures = failures;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        random.nextBytes(nonce);
        if (!auth.users().isEmpty()) {
            authSalt = new byte[NONCE_BYTES];
            random.nextBytes(authSalt);
        }
        MsgpackWriter w = new MsgpackWriter(64);
        w.arrayHeader(2).string("HELO").mapHeader(3);
        w.string("nonce").binary(nonce, 0, nonce.length);
        w.string("auth");
        if (authSalt.length > 0) w.binary(authSalt, 0, authSalt.length); else w.string("");
        w.string("keepalive").bool(true);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(w.array(), 0, w.size()));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused || !(msg instanceof ForwardFrame frame)) {
            // After a refusal nothing reaches the records handler; frames are released here.
            if (refused) ReferenceCountUtil.release(msg); else ctx.fireChannelRead(msg);
            return;
        }
        try {
            Verdict verdict = check(frame);
            if (verdict.malformed() != null) {
                refused = true;
                failures.refuse(ctx, "handshake failed: " + verdict.malformed());
                return;
            }
            if (verdict.reason() != null) {
                refused = true;
                failures.refuse(ctx, "handshake refused: " + verdict.reason(), pong(false, verdict.reason(), null));
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(pong(true, "", verdict.sharedKeySalt())));
            ctx.pipeline().remove(this);
        } finally {
            frame.release();
        }
    }

    /** What the PING said: malformed (no PONG), refused with a reason (PONG false), or accepted. */
    private record Verdict(String malformed, String reason, byte[] sharedKeySalt) {}

    private Verdict check(ForwardFrame f) {
        byte[] b = f.array();
        int base = f.base();
        if (f.elements() != 6) return new Verdict("expected PING [\"PING\", hostname, salt, digest, user, digest]", null, null);
        try {
            int[] off = new int[6];
            int[] len = new int[6];
            for (int i = 0; i < 6; i++) {
                int pos = base + f.elementStart(i);
                int end = base + f.elementStart(i + 1);
                if (!Msgpack.isStringOrBinary(b, pos, end)) {
                    return new Verdict("PING element " + i + " must be a string", null, null);
                }
                off[i] = Msgpack.payloadOffset(b, pos, end);
                len[i] = Msgpack.payloadLength(b, pos, end);
            }
            if (!new String(b, off[0], len[0], StandardCharsets.US_ASCII).equals("PING")) {
                return new Verdict("expected PING first", null, null);
            }
            byte[] salt = slice(b, off[2], len[2]);
            byte[] expected = hex(sha512(salt, slice(b, off[1], len[1]), nonce, utf8(auth.sharedKey())));
            // Constant-time comparison: the digest must not leak how many characters matched.
            if (!MessageDigest.isEqual(expected, slice(b, off[3], len[3]))) {
                return new Verdict(null, "shared_key mismatch", null);
            }
            if (!auth.users().isEmpty()) {
                String user = new String(b, off[4], len[4], StandardCharsets.UTF_8);
                Secret password = auth.users().get(user);
                byte[] given = slice(b, off[5], len[5]);
                byte[] wanted = hex(sha512(authSalt, slice(b, off[4], len[4]),
                        utf8(password == null ? new Secret("") : password)));
                if (password == null | !MessageDigest.isEqual(wanted, given)) {
                    return new Verdict(null, "username/password mismatch", null);
                }
            }
            return new Verdict(null, null, salt);
        } catch (MalformedMsgpackException e) {
            return new Verdict(e.getMessage(), null, null);
        }
    }

    private byte[] pong(boolean ok, String reason, byte[] sharedKeySalt) {
        MsgpackWriter w = new MsgpackWriter(256);
        w.arrayHeader(5).string("PONG").bool(ok).string(reason);
        if (ok) {
            byte[] host = auth.selfHostname().getBytes(StandardCharsets.UTF_8);
            w.string(host, 0, host.length);
            byte[] digest = hex(sha512(sharedKeySalt, host, nonce, utf8(auth.sharedKey())));
            w.string(digest, 0, digest.length);
        } else {
            w.string("").string("");
        }
        return w.toByteArray();
    }

    private static byte[] utf8(Secret s) { return s.reveal().getBytes(StandardCharsets.UTF_8); }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-512", e);
        }
    }

    private static byte[] hex(byte[] digest) {
        return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
    }
}
