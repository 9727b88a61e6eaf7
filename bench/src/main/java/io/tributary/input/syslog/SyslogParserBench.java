package io.tributary.input.syslog;

import io.tributary.record.MsgpackWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog message to encoded record: the hand-written parser ({@link BuiltinEventEncoder}) against Fluent Bit's
 * stock regexes run by java.util.regex, each doing the whole job (match, time, fields into msgpack). It lives
 * in the syslog package to reach the package-private encoder. {@code bench/run jmh SyslogParserBench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class SyslogParserBench {
    /** Fluent Bit 5.1.1's conf/parsers.conf regexes (Onigmo syntax that java.util.regex reads the same). */
    static final Pattern RFC5424 = Pattern.compile("^\\<(?<pri>[0-9]{1,5})\\>1 (?<time>[^ ]+) (?<host>[^ ]+) (?<ident>[^ ]+) "
            + "(?<pid>[-0-9]+) (?<msgid>[^ ]+) (?<extradata>(\\[(.*?)\\]|-)) (?<message>.+)$");
    static final Pattern RFC3164 = Pattern.compile("^\\<(?<pri>[0-9]+)\\>(?<time>[^ ]* {1,2}[^ ]* [^ ]*) (?<host>[^ ]*) "
            + "(?<ident>[a-zA-Z0-9_\\/\\.\\-]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$");
    static final String[] GROUPS_5424 = {"pri", "time", "host", "ident", "pid", "msgid", "extradata", "message"};
    static final String[] GROUPS_3164 = {"pri", "time", "host", "ident", "pid", "message"};
    static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ROOT);

    @Param({"rfc5424", "rfc3164"})
    public String format;

    private byte[] message;
    private BuiltinEventEncoder hand;
    private final MsgpackWriter out = new MsgpackWriter(4096);
    private final Peer peer = Peer.of("tcp", new InetSocketAddress("127.0.0.1", 5140), null);

    @Setup
    public void setup() {
        // About 300 bytes, as in the Fluent Bit figures (docs/anchors): a realistic message with structured data.
        String text = format.equals("rfc5424")
                ? "<165>1 2026-11-23T14:29:07.617410Z web-frontend-17.prod.example.com nginx 4711 ACCESS "
                  + "[request@32473 method=\"GET\" status=\"200\" bytes=\"5120\"] 203.0.113.9 - - \"GET /api/v1/items?page=2 HTTP/1.1\" "
                  + "200 5120 \"https://example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=0.012"
                : "<38>Nov 23 14:29:07 web-frontend-17 sshd[4711]: Accepted publickey for deploy from 203.0.113.9 port 52144 "
                  + "ssh2: RSA SHA256:Qm9vZ2xlIGlzIG5vdCBhIGtleSBidXQgaXQgaXMgbG9uZyBlbm91Z2g session opened for user deploy "
                  + "by (uid=0) and some more text to reach about three hundred bytes of log line";
        message = text.getBytes(StandardCharsets.UTF_8);
        hand = new BuiltinEventEncoder(format.equals("rfc5424") ? SyslogParser.Dialect.RFC5424 : SyslogParser.Dialect.RFC3164,
                RecordKeys.NONE);
    }

    @Benchmark
    public int handWritten() {
        out.reset();
        hand.encode(message, 0, message.length, peer, 1_795_000_000L, 0, out);
        return out.size();
    }

    @Benchmark
    public int regex() {
        out.reset();
        String text = new String(message, StandardCharsets.UTF_8);
        boolean rfc5424 = format.equals("rfc5424");
        Matcher m = (rfc5424 ? RFC5424 : RFC3164).matcher(text);
        if (!m.matches()) throw new IllegalStateException("no match");
        String time = m.group("time");
        long seconds = rfc5424
                ? OffsetDateTime.parse(time).toEpochSecond()
                : java.time.LocalDateTime.parse(time.replaceAll(" +", " ") + " 2026", BSD).toEpochSecond(ZoneOffset.UTC);
        RecordKeys.writeEventHeader(out, new byte[13], seconds, 0);
        String[] groups = rfc5424 ? GROUPS_5424 : GROUPS_3164;
        int n = 0;
        for (String g : groups) if (m.group(g) != null && !m.group(g).isEmpty()) n++;
        out.mapHeader(n);
        for (String g : groups) {
            String v = m.group(g);
            if (v == null || v.isEmpty()) continue;
            out.string(g);
            out.string(v);
        }
        return out.size();
    }
}
