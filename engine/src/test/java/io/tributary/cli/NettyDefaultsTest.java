package io.tributary.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NettyDefaultsTest {
    @Test
    void setsEachDefaultThatTheUserDidNotGive() {
        String allocator = "io.netty.allocator.lowMemory";
        String jfr = "io.netty.jfr.enabled";
        String oldAllocator = System.getProperty(allocator);
        String oldJfr = System.getProperty(jfr);
        try {
            System.clearProperty(allocator);
            System.setProperty(jfr, "true");
            NettyDefaults.apply();
            assertEquals("true", System.getProperty(allocator), "a default fills a gap");
            assertEquals("true", System.getProperty(jfr), "the user's -D wins");
        } finally {
            restore(allocator, oldAllocator);
            restore(jfr, oldJfr);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}
