package io.tributary.input.syslog;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.util.Map;
import java.util.Optional;

/**
 * Encodes messages with a parser from the config ({@code [PARSER]} or a parsers file). A message the parser
 * does not match keeps its raw text under {@code message}, where Fluent Bit would drop it with a warning.
 */
final class NamedParserEventEncoder implements EventEncoder {
    private final Parser parser;
    private final RecordKeys extra;
    private final byte[] header = new byte[13];

    NamedParserEventEncoder(Parser parser, RecordKeys extra) {
        this.parser = parser;
        this.extra = extra;
    }

    @Override public boolean encode(byte[] b, int off, int len, Peer peer, long nowSeconds, int nowNanos, MsgpackWriter out) {
        Optional<ParsedRecord> parsed = parser.parse(b, off, len);
        int priority = -1;
        if (parsed.isEmpty()) {
            RecordKeys.writeEventHeader(out, header, nowSeconds, nowNanos);
            out.mapHeader(1 + extra.count(peer.sourceAddress() != null, priority));
            out.string(RecordKeys.MESSAGE_KEY, 0, RecordKeys.MESSAGE_KEY.length).string(b, off, len);
            extra.write(out, b, off, len, peer, priority);
            return false;
        }
        ParsedRecord r = parsed.get();
        EventTime t = r.time();
        // As Fluent Bit's in_syslog: a parser that found no time (or time 0) gets the receive time.
        if (t != null && (t.seconds() != 0 || t.nanos() != 0)) RecordKeys.writeEventHeader(out, header, t.seconds(), t.nanos());
        else RecordKeys.writeEventHeader(out, header, nowSeconds, nowNanos);
        Object pri = r.fields().get("pri");
        if (pri instanceof String s && s.length() <= 3 && !s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            int v = Integer.parseInt(s);
            if (v <= 191) priority = v;
        } else if (pri instanceof Number num && num.longValue() >= 0 && num.longValue() <= 191) {
            priority = num.intValue();
        }
        out.mapHeader(r.fields().size() + extra.count(peer.sourceAddress() != null, priority));
        for (Map.Entry<String, Object> e : r.fields().entrySet()) {
            out.string(e.getKey());
            out.value(e.getValue());
        }
        extra.write(out, b, off, len, peer, priority);
        return true;
    }
}
