package io.tributary.input.forward;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.Secret;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The forward input's options, with Fluent Bit's names and defaults (plugins/in_forward/fw.c config_map). */
public final class ForwardConfig {
    private ForwardConfig() {}

    static final Option<String> LISTEN = Option.string("Listen").defaultValue("0.0.0.0")
            .doc("Address to listen on for TCP connections.");
    static final Option<Integer> PORT = Option.integer("Port").defaultValue("24224").atLeast(0).atMost(65535)
            .doc("TCP port to listen on (0 picks a free port).");
    static final Option<String> UNIX_PATH = Option.string("Unix_Path")
            .doc("Listen on this unix socket instead of TCP (also TCP when Listen or Port is set too).");
    static final Option<String> UNIX_PERM = Option.string("Unix_Perm")
            .doc("Permissions of the unix socket file, in octal (e.g. 0660).");
    static final Option<Long> BUFFER_CHUNK_SIZE = Option.size("Buffer_Chunk_Size").defaultValue("1024000").atLeast(64)
            .doc("Initial receive buffer of a connection; it grows as frames need, up to Buffer_Max_Size.");
    static final Option<Long> BUFFER_MAX_SIZE = Option.size("Buffer_Max_Size").defaultValue("6144000").atLeast(64)
            .atMost(Integer.MAX_VALUE - 64)
            .doc("Largest frame (and decompressed payload) accepted; a larger one closes that connection.");
    static final Option<String> TAG_PREFIX = Option.string("Tag_Prefix")
            .doc("Prefix added to the tag of every incoming record.");
    static final Option<Secret> SHARED_KEY = Option.secret("Shared_Key")
            .doc("Shared key: clients must pass the HELO/PING/PONG handshake with it.");
    static final Option<String> SELF_HOSTNAME = Option.string("Self_Hostname").defaultValue("localhost")
            .doc("Server host name sent in the handshake's PONG.");
    static final Option<String> SECURITY_USERS = Option.string("Security.Users").multiple()
            .doc("'user password' allowed in the handshake; may repeat. Needs Shared_Key or Empty_Shared_Key.");
    static final Option<Boolean> EMPTY_SHARED_KEY = Option.bool("Empty_Shared_Key").defaultValue("false")
            .doc("Run the handshake with an empty shared key.");
    static final Option<Boolean> TLS = Option.bool("tls").defaultValue("off")
            .doc("Accept TLS connections only.");
    static final Option<Boolean> TLS_VERIFY = Option.bool("tls.verify").defaultValue("on")
            .doc("Verify client certificates: with tls.ca_file (or tls.ca_path) every client must present one "
                    + "signed by it; without, a certificate a client offers is checked against the JVM's CAs.");
    static final Option<String> TLS_CA_FILE = Option.string("tls.ca_file")
            .doc("PEM file of CA certificates that sign client certificates.");
    static final Option<String> TLS_CA_PATH = Option.string("tls.ca_path")
            .doc("Directory of PEM CA certificates that sign client certificates.");
    static final Option<String> TLS_CRT_FILE = Option.string("tls.crt_file")
            .doc("PEM certificate (chain) of this server.");
    static final Option<String> TLS_KEY_FILE = Option.string("tls.key_file")
            .doc("PEM private key (PKCS#8, optionally encrypted) of this server.");
    static final Option<Secret> TLS_KEY_PASSWD = Option.secret("tls.key_passwd")
            .doc("Password of an encrypted tls.key_file.");
    static final Option<String> TLS_MIN_VERSION = Option.choice("tls.min_version", "TLSv1.2", "TLSv1.3")
            .doc("Lowest TLS version accepted (default TLSv1.2).");
    static final Option<String> TLS_MAX_VERSION = Option.choice("tls.max_version", "TLSv1.2", "TLSv1.3")
            .doc("Highest TLS version accepted (default TLSv1.3).");
    static final Option<Integer> TLS_DEBUG = Option.integer("tls.debug").defaultValue("1").atLeast(0).atMost(4)
            .doc("Accepted for Fluent Bit configs; TLS failures are logged at warn, details at Log_Level debug.");
    static final Option<String> TLS_VHOST = Option.string("tls.vhost")
            .doc("Accepted for Fluent Bit configs; a server has no virtual host to send.");

    public static final ConfigSpec SPEC = ConfigSpec.of(LISTEN, PORT, UNIX_PATH, UNIX_PERM, BUFFER_CHUNK_SIZE,
            BUFFER_MAX_SIZE, TAG_PREFIX, SHARED_KEY, SELF_HOSTNAME, SECURITY_USERS, EMPTY_SHARED_KEY, TLS, TLS_VERIFY,
            TLS_CA_FILE, TLS_CA_PATH, TLS_CRT_FILE, TLS_KEY_FILE, TLS_KEY_PASSWD, TLS_MIN_VERSION, TLS_MAX_VERSION,
            TLS_DEBUG, TLS_VHOST);

    /** Server-side TLS material. */
    record TlsSettings(Path certFile, Path keyFile, Optional<Secret> keyPassword, Optional<Path> caFile,
                       Optional<Path> caPath, boolean verify, String minVersion, String maxVersion) {
        /** Clients must present a certificate when the user named the CAs that sign them. */
        boolean requireClientCert() { return verify && (caFile.isPresent() || caPath.isPresent()); }
    }

    /** Who may pass the handshake. {@code sharedKey} is empty (not absent) with Empty_Shared_Key. */
    record AuthSettings(Secret sharedKey, String selfHostname, Map<String, Secret> users) {}

    /** What the plugin reads; built only from a validated config. */
    record Settings(Optional<String> listen, int port, Optional<Path> unixPath, Optional<Integer> unixPerm,
                    int bufferChunkBytes, int bufferMaxBytes, Optional<String> tagPrefix,
                    Optional<AuthSettings> auth, Optional<TlsSettings> tls) {

        /** {@code baseDir} resolves relative file names (the main config file's directory, as Fluent Bit). */
        static Settings from(PluginConfig c, Path baseDir) throws ConfigException {
            List<String> problems = new ArrayList<>();
            Optional<Path> unixPath = c.find(UNIX_PATH).filter(s -> !s.isBlank()).map(baseDir::resolve);
            // As Fluent Bit, Unix_Path alone means a unix socket only. A config that also names Listen or Port gets
            // both (FireLens-style setups otherwise need two inputs).
            boolean tcp = unixPath.isEmpty() || c.isSet(LISTEN) || c.isSet(PORT);
            Optional<Integer> perm = Optional.empty();
            if (c.isSet(UNIX_PERM)) {
                String text = c.get(UNIX_PERM).trim();
                try {
                    int p = Integer.parseInt(text, 8);
                    if (p < 0 || p > 07777) throw new NumberFormatException();
                    perm = Optional.of(p);
                } catch (NumberFormatException e) {
                    problems.add(c.error(UNIX_PERM, "'" + text + "' is not an octal permission such as 0660").getMessage());
                }
                if (unixPath.isEmpty()) problems.add(c.error(UNIX_PERM, "needs Unix_Path").getMessage());
            }
            long chunk = c.get(BUFFER_CHUNK_SIZE);
            long max = c.get(BUFFER_MAX_SIZE);
            if (chunk > max) {
                problems.add(c.error(BUFFER_CHUNK_SIZE, "must not exceed Buffer_Max_Size (" + max + " bytes), got "
                        + chunk).getMessage());
            }
            Optional<AuthSettings> auth = auth(c, problems);
            Optional<TlsSettings> tls = tls(c, baseDir, problems);
            if (!problems.isEmpty()) throw new ConfigException(problems);
            return new Settings(tcp ? Optional.of(c.get(LISTEN)) : Optional.empty(), c.get(PORT), unixPath, perm,
                    (int) chunk, (int) max, c.find(TAG_PREFIX).filter(s -> !s.isEmpty()), auth, tls);
        }

        private static Optional<AuthSettings> auth(PluginConfig c, List<String> problems) {
            Map<String, Secret> users = new LinkedHashMap<>();
            for (String entry : c.getAll(SECURITY_USERS)) {
                if (entry == null) continue;
                String trimmed = entry.trim();
                int space = indexOfWhitespace(trimmed);
                if (space <= 0 || trimmed.substring(space).isBlank()) {
                    // The value holds a password: never echo it.
                    problems.add(c.error(SECURITY_USERS, "expected 'user password'").getMessage());
                    continue;
                }
                users.put(trimmed.substring(0, space), new Secret(trimmed.substring(space).trim()));
            }
            boolean empty = c.get(EMPTY_SHARED_KEY);
            Optional<Secret> key = c.find(SHARED_KEY);
            if (empty) key = Optional.of(new Secret(""));
            if (key.isEmpty()) {
                if (!users.isEmpty()) {
                    problems.add(c.error(SECURITY_USERS, "needs Shared_Key or Empty_Shared_Key on").getMessage());
                }
                return Optional.empty();
            }
            return Optional.of(new AuthSettings(key.get(), c.get(SELF_HOSTNAME), Map.copyOf(users)));
        }

        private static int indexOfWhitespace(String s) {
            for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
            return -1;
        }

        private static Optional<TlsSettings> tls(PluginConfig c, Path baseDir, List<String> problems) {
            if (!c.get(TLS)) return Optional.empty();
            if (!c.isSet(TLS_CRT_FILE)) problems.add(c.error(TLS_CRT_FILE, "is required with tls on").getMessage());
            if (!c.isSet(TLS_KEY_FILE)) problems.add(c.error(TLS_KEY_FILE, "is required with tls on").getMessage());
            if (!c.isSet(TLS_CRT_FILE) || !c.isSet(TLS_KEY_FILE)) return Optional.empty();
            String min = c.find(TLS_MIN_VERSION).orElse("tlsv1.2");
            String max = c.find(TLS_MAX_VERSION).orElse("tlsv1.3");
            if (min.compareTo(max) > 0) {
                problems.add(c.error(TLS_MIN_VERSION, "is above tls.max_version").getMessage());
            }
            return Optional.of(new TlsSettings(baseDir.resolve(c.get(TLS_CRT_FILE)), baseDir.resolve(c.get(TLS_KEY_FILE)),
                    c.find(TLS_KEY_PASSWD), c.find(TLS_CA_FILE).map(baseDir::resolve),
                    c.find(TLS_CA_PATH).map(baseDir::resolve),
                    c.get(TLS_VERIFY), jdkProtocol(min), jdkProtocol(max)));
        }

        private static String jdkProtocol(String choice) {
            return choice.equalsIgnoreCase("tlsv1.3") ? "TLSv1.3" : "TLSv1.2";
        }
    }
}
