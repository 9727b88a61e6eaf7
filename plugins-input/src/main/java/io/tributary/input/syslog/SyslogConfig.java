package io.tributary.input.syslog;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.Parser;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;
import io.tributary.spi.Secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The syslog input's options, with Fluent Bit's names and defaults (plugins/in_syslog/syslog_conf.c). */
final class SyslogConfig {
    private SyslogConfig() {}

    static final Option<String> MODE = Option.choice("mode", "unix_udp", "unix_tcp", "tcp", "udp").defaultValue("unix_udp")
            .doc("Transport: unix_udp or unix_tcp (a unix socket at Path), or udp or tcp (Listen:Port).");
    static final Option<String> LISTEN = Option.string("listen").defaultValue("0.0.0.0")
            .doc("Address to bind in tcp and udp modes.");
    static final Option<Integer> PORT = Option.integer("port").defaultValue("5140").atLeast(0).atMost(65535)
            .doc("Port to listen on in tcp and udp modes.");
    static final Option<String> PATH = Option.string("path")
            .doc("Unix socket path in unix_udp and unix_tcp modes (required there); a stale socket file is replaced.");
    static final Option<String> UNIX_PERM = Option.string("unix_perm").defaultValue("0644")
            .doc("Permissions (octal) of the unix socket file.");
    static final Option<String> PARSER = Option.string("parser")
            .doc("Parser for each message: the built-in syslog-rfc5424, syslog-rfc3164 or syslog-rfc3164-local, or a "
                    + "[PARSER] name. Default: syslog-rfc5424 for tcp/udp, syslog-rfc3164-local for unix modes.");
    static final Option<String> FORMAT = Option.choice("format", "newline", "octet_counting").defaultValue("newline")
            .alias("frame")
            .doc("Stream framing in tcp and unix_tcp modes: newline, or octet_counting (RFC 6587, as RFC 5425 uses over TLS).");
    static final Option<Long> BUFFER_CHUNK_SIZE = Option.size("buffer_chunk_size").defaultValue("32k").atLeast(64)
            .doc("Size of each read buffer.");
    static final Option<Long> BUFFER_MAX_SIZE = Option.size("buffer_max_size").atLeast(64).atMost(Integer.MAX_VALUE - 64)
            .doc("Largest message accepted; a longer one is skipped and counted as dropped (reason oversize). "
                    + "Default: buffer_chunk_size.");
    static final Option<Long> RECEIVE_BUFFER_SIZE = Option.size("receive_buffer_size").atLeast(1).atMost(Integer.MAX_VALUE)
            .doc("Socket receive buffer (SO_RCVBUF); raise it for bursts of UDP.");
    static final Option<String> RAW_MESSAGE_KEY = Option.string("raw_message_key")
            .doc("Key that receives the whole message as received.");
    static final Option<String> SOURCE_ADDRESS_KEY = Option.string("source_address_key")
            .doc("Key that receives the sender's address, e.g. tcp://127.0.0.1:51234 or unix:///run/syslog.sock.");
    static final Option<String> SEVERITY_KEY = Option.string("severity_key")
            .doc("Tributary: key that receives the severity name from PRI (emerg ... debug).");
    static final Option<String> FACILITY_KEY = Option.string("facility_key")
            .doc("Tributary: key that receives the facility name from PRI (kern, user, ..., local7).");
    static final Option<Boolean> TLS = Option.bool("tls").defaultValue("off")
            .doc("Accept TLS (RFC 5425) in tcp mode.");
    static final Option<Boolean> TLS_VERIFY = Option.bool("tls.verify").defaultValue("on")
            .doc("With tls.ca_file: require a client certificate signed by that CA (mutual TLS).");
    static final Option<String> TLS_CRT_FILE = Option.string("tls.crt_file").doc("Server certificate chain (PEM).");
    static final Option<String> TLS_KEY_FILE = Option.string("tls.key_file").doc("Server private key (PEM, PKCS#8 or PKCS#1).");
    static final Option<Secret> TLS_KEY_PASSWD = Option.secret("tls.key_passwd").doc("Password of tls.key_file.");
    static final Option<String> TLS_CA_FILE = Option.string("tls.ca_file")
            .doc("CA certificates (PEM) that client certificates must chain to.");

    static final ConfigSpec SPEC = ConfigSpec.of(MODE, LISTEN, PORT, PATH, UNIX_PERM, PARSER, FORMAT, BUFFER_CHUNK_SIZE,
            BUFFER_MAX_SIZE, RECEIVE_BUFFER_SIZE, RAW_MESSAGE_KEY, SOURCE_ADDRESS_KEY, SEVERITY_KEY, FACILITY_KEY,
            TLS, TLS_VERIFY, TLS_CRT_FILE, TLS_KEY_FILE, TLS_KEY_PASSWD, TLS_CA_FILE);

    enum Mode {
        UDP(false, false), TCP(true, false), UNIX_UDP(false, true), UNIX_TCP(true, true);

        final boolean stream;
        final boolean unix;

        Mode(boolean stream, boolean unix) {
            this.stream = stream;
            this.unix = unix;
        }

        /** The scheme of Source_Address_Key values. */
        String scheme() { return unix ? "unix" : stream ? "tcp" : "udp"; }
    }

    /** What the input reads; built only from a validated config. */
    record Settings(Mode mode, String listen, int port, Path path, int unixPerm, String parserName,
                    SyslogParser.Dialect dialect, Parser namedParser, boolean octetCounting, int chunkBytes,
                    int maxMessageBytes, Integer receiveBufferBytes, RecordKeys keys, ServerTls tls) {

        static Settings from(PluginConfig c, PluginEnvironment env) throws ConfigException {
            List<String> problems = new ArrayList<>();
            Mode mode = Mode.valueOf(c.get(MODE).toUpperCase(java.util.Locale.ROOT));
            Path path = null;
            int perm = 0644;
            if (mode.unix) {
                String p = c.get(PATH);
                if (p == null || p.isBlank()) problems.add(c.error(PATH, "required when mode is " + c.get(MODE)).getMessage());
                else path = resolve(env, p);
                try {
                    perm = Integer.parseInt(c.get(UNIX_PERM).trim(), 8) & 07777;
                } catch (NumberFormatException e) {
                    problems.add(c.error(UNIX_PERM, "'" + c.get(UNIX_PERM) + "' is not an octal mode such as 0644").getMessage());
                }
            }
            String parserName = c.get(PARSER);
            if (parserName == null) parserName = mode.unix ? "syslog-rfc3164-local" : "syslog-rfc5424";
            SyslogParser.Dialect dialect = SyslogParser.Dialect.byParserName(parserName);
            Parser named = null;
            if (dialect == null) {
                Optional<Parser> found = env.parsers().find(parserName);
                if (found.isEmpty()) {
                    TreeSet<String> known = new TreeSet<>(env.parsers().names());
                    for (SyslogParser.Dialect d : SyslogParser.Dialect.values()) known.add(d.parserName);
                    problems.add(c.error(PARSER, "no parser named '" + parserName + "' (known: " + String.join(", ", known) + ")").getMessage());
                } else {
                    named = found.get();
                }
            }
            long chunk = c.get(BUFFER_CHUNK_SIZE);
            long max = c.isSet(BUFFER_MAX_SIZE) ? c.get(BUFFER_MAX_SIZE) : chunk;
            if (chunk > Integer.MAX_VALUE - 64) problems.add(c.error(BUFFER_CHUNK_SIZE, "must be below 2G").getMessage());
            Long rcv = c.get(RECEIVE_BUFFER_SIZE);
            ServerTls tls = null;
            if (c.get(TLS)) {
                if (mode != Mode.TCP) {
                    problems.add(c.error(TLS, "TLS is available in tcp mode only, not " + c.get(MODE)).getMessage());
                } else {
                    try {
                        tls = ServerTls.from(c, env);
                    } catch (ConfigException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
            if (!problems.isEmpty()) throw new ConfigException(problems);
            RecordKeys keys = RecordKeys.of(c.get(RAW_MESSAGE_KEY), c.get(SOURCE_ADDRESS_KEY), c.get(SEVERITY_KEY), c.get(FACILITY_KEY));
            return new Settings(mode, c.get(LISTEN), c.get(PORT), path, perm, parserName, dialect, named,
                    "octet_counting".equals(c.get(FORMAT)), (int) chunk, (int) Math.min(max, Integer.MAX_VALUE - 64),
                    rcv == null ? null : rcv.intValue(), keys, tls);
        }

        EventEncoder newEncoder() {
            return dialect != null ? new BuiltinEventEncoder(dialect, keys) : new NamedParserEventEncoder(namedParser, keys);
        }
    }

    static Path resolve(PluginEnvironment env, String file) {
        Path p = Path.of(file);
        return p.isAbsolute() ? p : env.configDirectory().resolve(p);
    }

    static void requireReadable(PluginConfig c, Option<String> option, Path file, List<String> problems) {
        if (!Files.isReadable(file)) problems.add(c.error(option, "cannot read " + file).getMessage());
    }
}
