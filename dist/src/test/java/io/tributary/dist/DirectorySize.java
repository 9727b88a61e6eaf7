package io.tributary.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The bytes of the files under a storage directory while the engine writes and deletes chunk files in it. */
final class DirectorySize {
    private DirectorySize() {}

    static long bytesUnder(Path p) {
        if (!Files.isDirectory(p)) return 0;
        try (Stream<Path> s = Files.walk(p)) {
            long n = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                try {
                    n += Files.size(f);
                } catch (IOException gone) {
                    // delivered and deleted while we looked
                }
            }
            return n;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
