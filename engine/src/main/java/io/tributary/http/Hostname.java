package io.tributary.http;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host name Fluent Bit puts in its v2 metric labels (gethostname), read without a DNS lookup where possible. */
final class Hostname {
    private Hostname() {}

    static String detect() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) return h;
        } catch (IOException | SecurityException ignored) {
            // not Linux: fall back below
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
