package io.tributary.input.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Datagrams the kernel dropped for our UDP socket because its receive buffer was full: the {@code drops}
 * column of /proc/net/udp and /proc/net/udp6 for the sockets bound to our port. Those drops happen before any
 * read, so without this they would be silent; the input counts them (reason {@code udp_receive_buffer}).
 */
final class KernelUdpDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private final String portHex;
    private final List<Path> tables;

    KernelUdpDrops(int port) { this(port, TABLES); }

    KernelUdpDrops(int port, List<Path> tables) {
        this.portHex = String.format(Locale.ROOT, ":%04X", port);
        this.tables = tables;
    }

    /** Whether the kernel exposes the tables here (Linux). */
    boolean available() {
        for (Path t : tables) if (Files.isReadable(t)) return true;
        return false;
    }

    /** The drops so far of every socket bound to the port; -1 when the tables cannot be read. */
    long total() {
        long sum = 0;
        boolean read = false;
        for (Path t : tables) {
            List<String> lines;
            try {
                lines = Files.readAllLines(t);
            } catch (IOException e) {
                continue;
            }
            read = true;
            for (int i = 1; i < lines.size(); i++) sum += dropsOf(lines.get(i));
        }
        return read ? sum : -1;
    }

    /** The drops column of one table line if its local address has our port, else 0. */
    long dropsOf(String line) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
        if (f.length < 13 || !f[1].endsWith(portHex)) return 0;
        try {
            return Long.parseLong(f[f.length - 1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
