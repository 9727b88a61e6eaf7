package io.tributary.input.forward;

import io.tributary.record.MsgpackWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.tributary.input.forward.Frames.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HELO/PING/PONG handshake as the Forward Protocol Specification v1 gives it, driven by a client written here
 * from the spec (the npm client's run is in {@link NodeFluentLoggerIT}).
 */
class HandshakeIT {
    private static final String KEY = "s3cr3t-shared";

    @Test
    void rightSharedKeyIsAcceptedAndTheServerProvesItKnowsTheKey() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", KEY,
                "Self_Hostname", "collector.example");
             RawForwardClient c = fw.connect()) {
            Helo helo = helo(c);
            assertEquals(16, helo.nonce.length);
            assertEquals(0, helo.authSalt.length, "no user auth configured: auth is empty");
            byte[] salt = "client-salt-0123".getBytes(StandardCharsets.US_ASCII);
            c.send(ping("client.example", salt, helo.nonce, KEY, "", ""));
            List<?> pong = (List<?>) c.read();
            assertEquals("PONG", pong.get(0));
            assertEquals(true, pong.get(1));
            assertEquals("", pong.get(2));
            assertEquals("collector.example", pong.get(3));
            assertEquals(hex(salt, "collector.example".getBytes(StandardCharsets.UTF_8), helo.nonce,
                    KEY.getBytes(StandardCharsets.UTF_8)), pong.get(4));
            c.send(Frames.message("auth", 1L, record("ok", true), record("chunk", "after-pong")));
            assertEquals(Map.of("ack", "after-pong"), c.read());
            assertEquals(1, fw.context.count());
        }
    }

    @Test
    void wrongSharedKeyGetsPongFalseWithReasonAndNothingIsAccepted() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", KEY);
             RawForwardClient c = fw.connect()) {
            Helo helo = helo(c);
            // A client that pipelines a message right behind its PING must not get it stored.
            c.send(Frames.concat(List.of(ping("client", "salt".getBytes(StandardCharsets.US_ASCII), helo.nonce, "wrong", "", ""),
                    Frames.message("sneaky", 1L, record("x", 1L), record("chunk", "no")))));
            List<?> pong = (List<?>) c.read();
            assertEquals(List.of("PONG", false, "shared_key mismatch", "", ""), pong);
            assertTrue(c.closedByServer());
            assertEquals(0, fw.context.count());
            assertEquals(1, fw.context.errors.get());
            assertTrue(fw.context.logLines.stream().noneMatch(l -> l.contains(KEY) || l.contains("wrong")),
                    "keys never logged: " + fw.context.logLines);
        }
    }

    @Test
    void dataBeforeTheHandshakeIsRefused() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", KEY);
             RawForwardClient c = fw.connect()) {
            helo(c);
            c.send(Frames.message("nohandshake", 1L, record("x", 1L), record("chunk", "no")));
            assertTrue(c.closedByServer());
            assertEquals(0, fw.context.count());
            assertTrue(fw.context.logged("handshake failed: expected PING"), fw.context.logLines.toString());
        }
    }

    @Test
    void usersAndPasswordsAreCheckedWithTheAuthSalt() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", KEY,
                "Security.Users", "alice wonderland", "Security.Users", "bob builder")) {
            for (String[] attempt : new String[][] {
                    {"alice", "wonderland", "ok"}, {"bob", "builder", "ok"},
                    {"alice", "builder", "username/password mismatch"}, {"mallory", "wonderland", "username/password mismatch"}}) {
                try (RawForwardClient c = fw.connect()) {
                    Helo helo = helo(c);
                    assertEquals(16, helo.authSalt.length, "auth salt sent when users are configured");
                    c.send(ping("client", "salt".getBytes(StandardCharsets.US_ASCII), helo.nonce, KEY, attempt[0],
                            hex(helo.authSalt, attempt[0].getBytes(StandardCharsets.UTF_8), attempt[1].getBytes(StandardCharsets.UTF_8))));
                    List<?> pong = (List<?>) c.read();
                    if (attempt[2].equals("ok")) {
                        assertEquals(true, pong.get(1), attempt[0]);
                    } else {
                        assertEquals(List.of("PONG", false, attempt[2], "", ""), pong, attempt[0] + "/" + attempt[1]);
                        assertTrue(c.closedByServer());
                    }
                }
            }
            assertFalse(fw.context.logLines.stream().anyMatch(l -> l.contains("wonderland") || l.contains("builder")));
        }
    }

    @Test
    void emptySharedKeyStillRequiresTheHandshake() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Empty_Shared_Key", "on");
             RawForwardClient c = fw.connect()) {
            Helo helo = helo(c);
            c.send(ping("client", "s".getBytes(StandardCharsets.US_ASCII), helo.nonce, "", "", ""));
            assertEquals(true, ((List<?>) c.read()).get(1));
        }
    }

    private record Helo(byte[] nonce, byte[] authSalt) {}

    private static Helo helo(RawForwardClient c) throws Exception {
        List<?> helo = (List<?>) c.read();
        assertEquals("HELO", helo.get(0));
        Map<?, ?> options = (Map<?, ?>) helo.get(1);
        assertEquals(true, options.get("keepalive"));
        byte[] nonce = assertInstanceOf(byte[].class, options.get("nonce"), "nonce is sent as bin");
        Object auth = options.get("auth");
        return new Helo(nonce, auth instanceof byte[] b ? b : new byte[0]);
    }

    static byte[] ping(String hostname, byte[] salt, byte[] nonce, String key, String user, String passwordDigest) throws Exception {
        String digest = hex(salt, hostname.getBytes(StandardCharsets.UTF_8), nonce, key.getBytes(StandardCharsets.UTF_8));
        return new MsgpackWriter().arrayHeader(6).string("PING").string(hostname).string(salt, 0, salt.length)
                .string(digest).string(user).string(passwordDigest).toByteArray();
    }

    static String hex(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        for (byte[] p : parts) md.update(p);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void digestHelperMatchesAKnownSha512() throws Exception {
        // sha512("abc") from FIPS 180-2: guards the test client against a wrong digest of its own.
        assertArrayEquals(HexFormat.of().parseHex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
                HexFormat.of().parseHex(hex("abc".getBytes(StandardCharsets.US_ASCII))));
    }
}
