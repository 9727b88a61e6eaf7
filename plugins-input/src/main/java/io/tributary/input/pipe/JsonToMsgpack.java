package io.tributary.input.pipe;

import io.tributary.record.MsgpackWriter;

import java.nio.charset.StandardCharsets;

/**
 * Converts one JSON text (RFC 8259) straight into msgpack, without building objects: strings are copied as
 * UTF-8 bytes (escapes decoded), integers become msgpack integers and other numbers float64. Rejects
 * anything that is not one complete JSON value, and nesting deeper than {@link #MAX_DEPTH}.
 */
final class JsonToMsgpack {
    static final int MAX_DEPTH = 64;

    /** Thrown for text that is not JSON; the message says where. */
    static final class NotJson extends Exception {
        NotJson(String message) { super(message, null, false, false); }
    }

    private byte[] b;
    private int p;
    private int end;
    private MsgpackWriter out;
    private byte[] text = new byte[256];

    /** Writes the JSON object in {@code b[off, end)}; the output is untouched on failure only up to the caller. */
    void objectToMsgpack(byte[] bytes, int off, int to, MsgpackWriter writer) throws NotJson {
        b = bytes;
        p = off;
        end = to;
        out = writer;
        skipSpace();
        if (p >= end || b[p] != '{') throw new NotJson("not a JSON object");
        value(0);
        skipSpace();
        if (p != end) throw new NotJson("text after the JSON value at byte " + (p - off));
    }

    private void value(int depth) throws NotJson {
        if (depth > MAX_DEPTH) throw new NotJson("nested deeper than " + MAX_DEPTH);
        skipSpace();
        if (p >= end) throw new NotJson("unexpected end");
        switch (b[p]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", () -> out.bool(true));
            case 'f' -> literal("false", () -> out.bool(false));
            case 'n' -> literal("null", out::nil);
            default -> number();
        }
    }

    private void object(int depth) throws NotJson {
        p++;
        // The entry count is known only at the end: write into a nested writer, then copy with the header.
        MsgpackWriter parent = out;
        MsgpackWriter body = new MsgpackWriter(64);
        out = body;
        int n = 0;
        skipSpace();
        if (p < end && b[p] == '}') {
            p++;
        } else {
            while (true) {
                skipSpace();
                if (p >= end || b[p] != '"') throw new NotJson("expected a key at byte " + p);
                string();
                skipSpace();
                if (p >= end || b[p] != ':') throw new NotJson("expected ':' at byte " + p);
                p++;
                value(depth + 1);
                n++;
                skipSpace();
                if (p < end && b[p] == ',') { p++; continue; }
                if (p < end && b[p] == '}') { p++; break; }
                throw new NotJson("expected ',' or '}' at byte " + p);
            }
        }
        out = parent;
        out.mapHeader(n).raw(body.array(), 0, body.size());
    }

    private void array(int depth) throws NotJson {
        p++;
        MsgpackWriter parent = out;
        MsgpackWriter body = new MsgpackWriter(64);
        out = body;
        int n = 0;
        skipSpace();
        if (p < end && b[p] == ']') {
            p++;
        } else {
            while (true) {
                value(depth + 1);
                n++;
                skipSpace();
                if (p < end && b[p] == ',') { p++; continue; }
                if (p < end && b[p] == ']') { p++; break; }
                throw new NotJson("expected ',' or ']' at byte " + p);
            }
        }
        out = parent;
        out.arrayHeader(n).raw(body.array(), 0, body.size());
    }

    private void string() throws NotJson {
        p++;
        int start = p;
        // Fast path: no escapes, copy the bytes as they are.
        while (p < end && b[p] != '"' && b[p] != '\\') {
            if ((b[p] & 0xff) < 0x20) throw new NotJson("control character in a string at byte " + p);
            p++;
        }
        if (p < end && b[p] == '"') {
            out.string(b, start, p - start);
            p++;
            return;
        }
        int n = 0;
        p = start;
        while (true) {
            if (p >= end) throw new NotJson("unterminated string");
            byte c = b[p];
            if (c == '"') { p++; break; }
            if ((c & 0xff) < 0x20) throw new NotJson("control character in a string at byte " + p);
            if (c != '\\') { n = put(n, c); p++; continue; }
            if (p + 1 >= end) throw new NotJson("unterminated escape");
            byte e = b[p + 1];
            p += 2;
            switch (e) {
                case '"' -> n = put(n, (byte) '"');
                case '\\' -> n = put(n, (byte) '\\');
                case '/' -> n = put(n, (byte) '/');
                case 'b' -> n = put(n, (byte) '\b');
                case 'f' -> n = put(n, (byte) '\f');
                case 'n' -> n = put(n, (byte) '\n');
                case 'r' -> n = put(n, (byte) '\r');
                case 't' -> n = put(n, (byte) '\t');
                case 'u' -> {
                    int cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < end && b[p] == '\\' && b[p + 1] == 'u') {
                        p += 2;
                        int low = hex4();
                        if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        else { n = utf8(n, 0xFFFD); cp = low; }
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;   // a lone surrogate is not text
                    n = utf8(n, cp);
                }
                default -> throw new NotJson("bad escape at byte " + (p - 1));
            }
        }
        out.string(text, 0, n);
    }

    private int hex4() throws NotJson {
        if (p + 4 > end) throw new NotJson("short \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(b[p + i], 16);
            if (d < 0) throw new NotJson("bad \\u escape at byte " + p);
            v = v << 4 | d;
        }
        p += 4;
        return v;
    }

    private int put(int n, byte c) {
        if (n == text.length) text = java.util.Arrays.copyOf(text, n * 2);
        text[n] = c;
        return n + 1;
    }

    private int utf8(int n, int cp) {
        byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        for (byte x : enc) n = put(n, x);
        return n;
    }

    private void number() throws NotJson {
        int start = p;
        if (p < end && b[p] == '-') p++;
        int digits = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') p++;
        if (p == digits) throw new NotJson("unexpected byte at " + start);
        boolean integral = true;
        if (p < end && b[p] == '.') {
            integral = false;
            p++;
            int f = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') p++;
            if (p == f) throw new NotJson("bad number at byte " + start);
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            integral = false;
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) p++;
            int e = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') p++;
            if (p == e) throw new NotJson("bad exponent at byte " + start);
        }
        String s = new String(b, start, p - start, StandardCharsets.US_ASCII);
        if (integral && p - start <= 18) {
            out.integer(Long.parseLong(s));
        } else {
            out.float64(Double.parseDouble(s));
        }
    }

    private interface Emit { void run(); }

    private void literal(String word, Emit emit) throws NotJson {
        int n = word.length();
        if (p + n > end) throw new NotJson("unexpected end");
        for (int i = 0; i < n; i++) if (b[p + i] != word.charAt(i)) throw new NotJson("unexpected byte at " + p);
        p += n;
        emit.run();
    }

    private void skipSpace() {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r')) p++;
    }
}
