package io.tributary.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One config file's text: read as UTF-8, with a leading byte-order mark removed (Windows editors add one) and
 * split into lines with {@code \n} or {@code \r\n} endings.
 *
 * @param path    where it was read from (relative paths stay relative, so messages show what the user wrote)
 * @param display the name used in locations
 */
record SourceFile(Path path, String display, String text) {
    /** Larger than any real config; stops an {@code @INCLUDE *} in a log directory from filling the heap. */
    static final long MAX_BYTES = 16L << 20;

    static SourceFile of(Path path, String text) {
        String display = path == null ? "config text" : path.toString();
        return new SourceFile(path, display, stripBom(text));
    }

    /** Reads a file; the failure message says why in a user's words. */
    static SourceFile read(Path path) throws UnreadableFileException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) throw new UnreadableFileException("a directory, not a file");
            long size = Files.size(path);
            if (size > MAX_BYTES) throw new UnreadableFileException(size + " bytes, over the limit of "
                    + MAX_BYTES + " for a config file");
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException("no such file");
        } catch (IOException e) {
            throw new UnreadableFileException("I/O error: " + e.getMessage());
        }
        return new SourceFile(path, path.toString(), stripBom(decode(bytes)));
    }

    String[] lines() {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (!l.isEmpty() && l.charAt(l.length() - 1) == '\r') lines[i] = l.substring(0, l.length() - 1);
        }
        return lines;
    }

    private static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** Strict UTF-8: a stray Latin-1 byte would otherwise turn into a silent U+FFFD inside a value. */
    private static String decode(byte[] bytes) throws UnreadableFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
            throw new UnreadableFileException(line, "not valid UTF-8 (byte 0x"
                    + Integer.toHexString(bytes[in.position()] & 0xff) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Why a file could not be read; {@code line} is 0 unless the problem is at a known line. */
    static final class UnreadableFileException extends Exception {
        final int line;

        UnreadableFileException(String reason) { this(0, reason); }

        UnreadableFileException(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }
}
