package io.tributary.bench.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the few CBOR items a PutRecords answer needs: definite maps and arrays, text and integers. */
final class CborWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    CborWriter map(int n) { head(5, n); return this; }
    CborWriter array(int n) { head(4, n); return this; }
    CborWriter integer(long v) { head(0, v); return this; }

    CborWriter text(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        head(3, u.length);
        out.writeBytes(u);
        return this;
    }

    CborWriter bytes(byte[] b) {
        head(2, b.length);
        out.writeBytes(b);
        return this;
    }

    byte[] bytes() { return out.toByteArray(); }

    private void head(int major, long v) {
        int m = major << 5;
        if (v < 24) out.write(m | (int) v);
        else if (v < 0x100) { out.write(m | 24); out.write((int) v); }
        else if (v < 0x10000) { out.write(m | 25); out.write((int) (v >> 8)); out.write((int) v); }
        else { out.write(m | 26); for (int s = 24; s >= 0; s -= 8) out.write((int) (v >> s)); }
    }
}
