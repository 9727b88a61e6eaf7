package io.tributary.output.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The name of the machine Tributary runs on, read without a DNS lookup where possible (HOSTNAME, /etc/hostname),
 * for defaults that name the sender and for ids that must differ between senders.
 */
public final class LocalHost {
    private LocalHost() {}

    public static String name(Map<String, String> env) {
        String h = env.get("HOSTNAME");
        if (h != null && !h.isBlank()) return h.trim();
        try {
            String f = Files.readString(Path.of("/etc/hostname")).trim();
            if (!f.isEmpty()) return f;
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or unreadable: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** 16 bits that differ between hosts with high probability and stay the same across restarts of one host. */
    public static int salt(String hostName) {
        int h = 0x811c9dc5;
        for (int i = 0; i < hostName.length(); i++) {
            h ^= hostName.charAt(i);
            h *= 0x01000193;
        }
        return (h ^ (h >>> 16)) & 0xffff;
    }
}
