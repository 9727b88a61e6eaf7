package io.tributary.record;

import java.util.Arrays;

/** A msgpack extension value other than EventTime, kept as it came so it can be written back unchanged. */
public record ExtValue(byte type, byte[] data) {
    @Override public boolean equals(Object o) {
        return o instanceof ExtValue e && e.type == type && Arrays.equals(e.data, data);
    }

    @Override public int hashCode() { return 31 * type + Arrays.hashCode(data); }

    @Override public String toString() { return "ext(" + type + ", " + data.length + " bytes)"; }
}
