package io.tributary.input.syslog;

/**
 * A hand-written parser for RFC 5424 and RFC 3164 messages that yields the fields of Fluent Bit's stock
 * {@code syslog-rfc5424}, {@code syslog-rfc3164} and {@code syslog-rfc3164-local} regex parsers (all values
 * strings, empty ones left out, {@code time} kept), one pass over the bytes with no regex and no copies.
 *
 * <p>Where the regexes mangle or drop a message, this parser keeps it whole instead:
 * <ul>
 * <li>RFC 5424: times without a fraction, PROCIDs that are not numbers, an absent MSG, and structured data
 *     with escaped {@code \]} or {@code "} (section 6.3.3) are parsed; the UTF-8 BOM before MSG is removed.
 *     A NILVALUE time means the receive time; other NILVALUE fields stay {@code "-"} as Fluent Bit keeps them.</li>
 * <li>RFC 3164: a missing hostname (the field after the time is already {@code tag:} or {@code tag[pid]})
 *     is filled from the peer's address; an RFC 3339 time in place of {@code Mmm dd hh:mm:ss} is accepted.</li>
 * <li>A message in the other format is parsed as that format, and one with no recognisable header keeps its
 *     text as {@code message} with the receive time (and the peer as host), rather than being dropped.</li>
 * </ul>
 * Not thread-safe: one per connection or reading thread.
 */
final class SyslogParser {
    enum Dialect {
        RFC5424("syslog-rfc5424"), RFC3164("syslog-rfc3164"), RFC3164_LOCAL("syslog-rfc3164-local");

        final String parserName;

        Dialect(String parserName) { this.parserName = parserName; }

        static Dialect byParserName(String name) {
            for (Dialect d : values()) if (d.parserName.equalsIgnoreCase(name)) return d;
            return null;
        }
    }

    /** A PRI longer than this is not a PRI (RFC 5424 allows 3 digits; Fluent Bit's regexes up to 5 or any). */
    private static final int MAX_PRI_DIGITS = 5;

    private final Dialect dialect;
    private final SyslogTime time = new SyslogTime();

    SyslogParser(Dialect dialect) { this.dialect = dialect; }

    Dialect dialect() { return dialect; }

    /**
     * Parses {@code b[off, end)} into {@code m}. Always yields a record: a message without a header becomes
     * {@code message} (plus {@code pri} when it has one).
     *
     * @param nowSeconds the receive time, for the year RFC 3164 leaves out
     */
    void parse(byte[] b, int off, int end, long nowSeconds, SyslogMessage m) {
        m.reset(b);
        int p = off;
        if (p < end && b[p] == '<') {
            int q = p + 1;
            int value = 0;
            while (q < end && q - p - 1 <= MAX_PRI_DIGITS && b[q] >= '0' && b[q] <= '9') {
                value = value * 10 + (b[q] - '0');
                q++;
            }
            int digits = q - p - 1;
            if (digits > 0 && digits <= MAX_PRI_DIGITS && q < end && b[q] == '>') {
                m.set(SyslogMessage.PRI, p + 1, q);
                m.priority = digits <= 3 && value <= 191 ? value : -1;
                p = q + 1;
                boolean parsed = dialect == Dialect.RFC5424
                        ? rfc5424(b, p, end, m) || rfc3164(b, p, end, nowSeconds, true, m)
                        : rfc3164(b, p, end, nowSeconds, dialect == Dialect.RFC3164, m) || rfc5424(b, p, end, m);
                if (parsed) return;
                while (p < end && b[p] == ' ') p++;
            }
        }
        m.set(SyslogMessage.MESSAGE, p, end);
        m.hostFromPeer = dialect != Dialect.RFC3164_LOCAL;
    }

    /** {@code 1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]} after the PRI (RFC 5424 section 6). */
    private boolean rfc5424(byte[] b, int p, int end, SyslogMessage m) {
        if (end - p < 2 || b[p] != '1' || b[p + 1] != ' ') return false;
        int t0 = p + 2, t1 = tokenEnd(b, t0, end);
        if (t1 == t0 || t1 >= end) return false;
        int h0 = t1 + 1, h1 = tokenEnd(b, h0, end);
        if (h1 == h0 || h1 >= end) return false;
        int a0 = h1 + 1, a1 = tokenEnd(b, a0, end);
        if (a1 == a0 || a1 >= end) return false;
        int p0 = a1 + 1, p1 = tokenEnd(b, p0, end);
        if (p1 == p0 || p1 >= end) return false;
        int i0 = p1 + 1, i1 = tokenEnd(b, i0, end);
        if (i1 == i0 || i1 >= end) return false;
        int s0 = i1 + 1, s1;
        if (s0 >= end) return false;
        if (b[s0] == '-') s1 = s0 + 1;
        else if (b[s0] == '[') s1 = structuredDataEnd(b, s0, end);
        else return false;
        if (s1 < 0 || (s1 < end && b[s1] != ' ')) return false;

        m.set(SyslogMessage.TIME, t0, t1);
        if (!(t1 - t0 == 1 && b[t0] == '-')) {
            if (time.parseRfc3339(b, t0, t1)) setTime(m);
        } else {
            m.start[SyslogMessage.TIME] = m.end[SyslogMessage.TIME] = -1;   // NILVALUE: no time, as Fluent Bit
        }
        m.set(SyslogMessage.HOST, h0, h1);
        m.set(SyslogMessage.IDENT, a0, a1);
        m.set(SyslogMessage.PID, p0, p1);
        m.set(SyslogMessage.MSGID, i0, i1);
        m.set(SyslogMessage.EXTRADATA, s0, s1);
        if (s1 < end) {
            int msg = s1 + 1;
            // RFC 5424 section 6.4: a UTF-8 MSG starts with a BOM, which is not part of the text.
            if (end - msg >= 3 && b[msg] == (byte) 0xEF && b[msg + 1] == (byte) 0xBB && b[msg + 2] == (byte) 0xBF) msg += 3;
            m.set(SyslogMessage.MESSAGE, msg, end);
        }
        return true;
    }

    /**
     * {@code TIMESTAMP [HOSTNAME] TAG[PID]: MSG} after the PRI (RFC 3164 section 4.1), with the field rules of
     * Fluent Bit's regexes: the ident is {@code [a-zA-Z0-9_/.-]*}, an optional {@code [digits]} is the pid, then
     * everything up to the first colon is skipped, then spaces.
     */
    private boolean rfc3164(byte[] b, int p, int end, long nowSeconds, boolean withHost, SyslogMessage m) {
        int t0 = p, t1;
        boolean valid;
        if (SyslogTime.looksBsd(b, p, end) && (p + 15 == end || b[p + 15] == ' ')) {
            t1 = p + 15;
            valid = time.parseBsd(b, t0, t1, nowSeconds);
        } else if (p < end && b[p] >= '0' && b[p] <= '9') {
            // rsyslog's high-precision forwarding puts an RFC 3339 time into the RFC 3164 layout.
            t1 = tokenEnd(b, p, end);
            valid = time.parseRfc3339(b, t0, t1);
            if (!valid) return false;
        } else {
            return false;
        }
        m.set(SyslogMessage.TIME, t0, t1);
        if (valid) setTime(m);
        int q = t1;
        if (q < end && b[q] != ' ') return false;
        q++;
        if (q >= end) {
            m.hostFromPeer = withHost;
            return true;
        }
        if (withHost) {
            int h1 = tokenEnd(b, q, end);
            if (h1 == q || looksLikeTag(b, q, h1)) {
                m.hostFromPeer = true;
            } else {
                m.set(SyslogMessage.HOST, q, h1);
                if (h1 >= end) return true;
                q = h1 + 1;
            }
        }
        int i0 = q;
        while (q < end && isIdentByte(b[q])) q++;
        m.set(SyslogMessage.IDENT, i0, q);
        if (q < end && b[q] == '[') {
            int r = q + 1;
            while (r < end && b[r] >= '0' && b[r] <= '9') r++;
            if (r > q + 1 && r < end && b[r] == ']') {
                m.set(SyslogMessage.PID, q + 1, r);
                q = r + 1;
            }
        }
        for (int c = q; c < end; c++) {
            if (b[c] == ':') {
                q = c + 1;
                break;
            }
        }
        while (q < end && b[q] == ' ') q++;
        m.set(SyslogMessage.MESSAGE, q, end);
        return true;
    }

    private void setTime(SyslogMessage m) {
        m.timeValid = true;
        m.seconds = time.seconds;
        m.nanos = time.nanos;
    }

    /** A field that ends in ':' or holds "[digits]" is a TAG, so the sender left out the hostname. */
    private static boolean looksLikeTag(byte[] b, int from, int to) {
        if (b[to - 1] == ':') return true;
        for (int i = from; i < to; i++) if (b[i] == '[') return true;
        return false;
    }

    private static boolean isIdentByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '/' || c == '.' || c == '-';
    }

    private static int tokenEnd(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ') p++;
        return p;
    }

    /**
     * The end of one or more SD-ELEMENTs starting at {@code p} ('['), or -1 if they are not closed. Inside a
     * PARAM-VALUE, '"', '\' and ']' may be escaped with '\' (RFC 5424 section 6.3.3), so only an unescaped ']'
     * outside quotes closes an element.
     */
    static int structuredDataEnd(byte[] b, int p, int end) {
        while (p < end && b[p] == '[') {
            p++;
            boolean quoted = false;
            while (true) {
                if (p >= end) return -1;
                byte c = b[p];
                if (quoted) {
                    if (c == '\\' && p + 1 < end) p += 2;
                    else {
                        if (c == '"') quoted = false;
                        p++;
                    }
                } else if (c == '"') {
                    quoted = true;
                    p++;
                } else if (c == ']') {
                    p++;
                    break;
                } else {
                    p++;
                }
            }
        }
        return p;
    }
}
