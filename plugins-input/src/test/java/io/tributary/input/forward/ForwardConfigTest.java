package io.tributary.input.forward;

import io.tributary.spi.ConfigException;
import io.tributary.spi.Option;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardConfigTest {
    private static ForwardConfig.Settings settings(String... kv) throws ConfigException {
        return ForwardConfig.Settings.from(MapPluginConfig.of(ForwardConfig.SPEC, kv), Path.of("/etc/fb"));
    }

    @Test
    void defaultsAreFluentBits() throws Exception {
        ForwardConfig.Settings s = settings();
        assertEquals("0.0.0.0", s.listen().orElseThrow());
        assertEquals(24224, s.port());
        assertEquals(1_024_000, s.bufferChunkBytes());
        assertEquals(6_144_000, s.bufferMaxBytes());
        assertTrue(s.unixPath().isEmpty());
        assertTrue(s.auth().isEmpty());
        assertTrue(s.tls().isEmpty());
        assertEquals("localhost", ForwardConfig.SELF_HOSTNAME.defaultText());
    }

    @Test
    void optionNamesMatchCaseInsensitivelyAsFluentBitConfigsWriteThem() {
        for (String key : new String[] {"listen", "PORT", "unix_path", "Unix_Perm", "buffer_chunk_size", "BUFFER_MAX_SIZE",
                "tag_prefix", "shared_key", "self_hostname", "security.users", "empty_shared_key", "tls", "tls.verify",
                "tls.crt_file", "tls.key_file", "tls.ca_file"}) {
            assertTrue(ForwardConfig.SPEC.find(key).isPresent(), key);
        }
    }

    @Test
    void unixPathAloneMeansNoTcpListenerAndPortAddsOne() throws Exception {
        assertTrue(settings("Unix_Path", "fw.sock").listen().isEmpty());
        assertEquals(Path.of("/etc/fb/fw.sock"), settings("Unix_Path", "fw.sock").unixPath().orElseThrow());
        assertTrue(settings("Unix_Path", "/run/fw.sock", "Port", "24224").listen().isPresent());
        assertEquals(0660, settings("Unix_Path", "/run/fw.sock", "Unix_Perm", "0660").unixPerm().orElseThrow());
    }

    @Test
    void sizesAcceptSuffixes() throws Exception {
        ForwardConfig.Settings s = settings("Buffer_Chunk_Size", "32k", "Buffer_Max_Size", "2M");
        assertEquals(32 * 1024, s.bufferChunkBytes());
        assertEquals(2 * 1024 * 1024, s.bufferMaxBytes());
    }

    @Test
    void usersWithoutASharedKeyAreRefusedAsFluentBitDoes() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("Security.Users", "alice pw1"));
        assertTrue(e.getMessage().contains("Security.Users: needs Shared_Key or Empty_Shared_Key on"), e.getMessage());
        assertFalse(e.getMessage().contains("pw1"));
    }

    @Test
    void aUserEntryWithoutPasswordIsRefusedWithoutEchoingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("Shared_Key", "k", "Security.Users", "onlyname"));
        assertTrue(e.getMessage().contains("expected 'user password'"), e.getMessage());
    }

    @Test
    void sharedKeyUsersAndEmptyKey() throws Exception {
        ForwardConfig.AuthSettings a = settings("Shared_Key", "k1", "Security.Users", "alice  pw with spaces",
                "Security.Users", "bob pw2").auth().orElseThrow();
        assertEquals("k1", a.sharedKey().reveal());
        assertEquals("pw with spaces", a.users().get("alice").reveal());
        assertEquals("[hidden]", a.users().get("bob").toString());
        assertEquals("", settings("Empty_Shared_Key", "on").auth().orElseThrow().sharedKey().reveal());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("Unix_Perm", "0999", "tls", "on",
                "Buffer_Chunk_Size", "8M", "Buffer_Max_Size", "1M"));
        String m = e.getMessage();
        assertTrue(m.contains("Unix_Perm: '0999' is not an octal permission"), m);
        assertTrue(m.contains("Unix_Perm: needs Unix_Path"), m);
        assertTrue(m.contains("tls.crt_file: is required with tls on"), m);
        assertTrue(m.contains("tls.key_file: is required with tls on"), m);
        assertTrue(m.contains("Buffer_Chunk_Size: must not exceed Buffer_Max_Size"), m);
        assertEquals(5, e.problems().size(), e.problems().toString());
    }

    @Test
    void portOutOfRangeIsRefusedByTheOption() {
        assertThrows(IllegalArgumentException.class, () -> ForwardConfig.PORT.convert("70000"));
    }

    @Test
    void tlsVerifyRequiresClientCertificatesOnlyWhenCasAreNamed() throws Exception {
        ForwardConfig.TlsSettings plain = settings("tls", "on", "tls.crt_file", "a.crt", "tls.key_file", "a.key").tls().orElseThrow();
        assertTrue(plain.verify());
        assertFalse(plain.requireClientCert());
        assertEquals(Path.of("/etc/fb/a.crt"), plain.certFile());
        ForwardConfig.TlsSettings mutual = settings("tls", "on", "tls.crt_file", "a.crt", "tls.key_file", "a.key",
                "tls.ca_file", "ca.crt").tls().orElseThrow();
        assertTrue(mutual.requireClientCert());
        ForwardConfig.TlsSettings off = settings("tls", "on", "tls.verify", "off", "tls.crt_file", "a.crt",
                "tls.key_file", "a.key", "tls.ca_file", "ca.crt").tls().orElseThrow();
        assertFalse(off.requireClientCert());
    }

    @Test
    void secretsAreSecretOptions() {
        for (Option<?> o : new Option<?>[] {ForwardConfig.SHARED_KEY, ForwardConfig.TLS_KEY_PASSWD}) {
            assertEquals("secret", o.type().label(), o.name());
        }
    }
}
