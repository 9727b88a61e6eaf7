package io.tributary.cli;

import java.util.Map;

/**
 * Netty settings for a small resident footprint, set as system properties before any Netty class initialises; a value
 * the user gave with {@code -D} (TRIBUTARY_EXTRA_OPTS) wins.
 *
 * <ul>
 *   <li>{@code io.netty.allocator.lowMemory=true}: Netty's adaptive allocator takes 8 MB chunks on a JVM whose
 *       maximum heap is 512 MB or more (ours is a share of the host's memory), so the first record a forward input
 *       read pinned an 8 MB array in the heap, and each further buffer size class another. Low-memory mode takes
 *       2 MB chunks and shares magazines between threads: idle RSS 91 MB to 79 MB for forward to null, throughput
 *       unchanged (bench/run e2e).</li>
 *   <li>{@code io.netty.jfr.enabled=false}: Netty's JFR events made the JDK load and run its event instrumentation
 *       (about 250 classes of jdk.jfr and the class-file API) on the first buffer allocation, about 2 MB resident,
 *       for events that only a flight recording would read. A user who records can turn them back on.</li>
 * </ul>
 */
final class NettyDefaults {
    static final Map<String, String> PROPERTIES = Map.of(
            "io.netty.allocator.lowMemory", "true",
            "io.netty.jfr.enabled", "false");

    private NettyDefaults() {}

    static void apply() {
        PROPERTIES.forEach((k, v) -> {
            if (System.getProperty(k) == null) System.setProperty(k, v);
        });
    }
}
