package io.tributary.output.aws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * Reads HTTP/1.1 answers from one connection's stream: status line, headers, and the body by Content-Length,
 * chunked, or up to the close. 1xx interim answers are skipped. The body goes into the {@link HttpAnswer}'s
 * reused buffer; large bodies are read straight from the socket into it, not through the line buffer.
 */
final class HttpAnswerReader {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    private final InputStream in;
    private final byte[] buf = new byte[8 * 1024];
    private int pos;
    private int lim;
    private final StringBuilder line = new StringBuilder(128);

    HttpAnswerReader(InputStream in) { this.in = in; }

    /** Whether bytes arrived that no request asked for (a reused connection must have none). */
    boolean hasUnreadBytes() { return pos < lim; }

    void read(HttpAnswer answer) throws IOException {
        while (true) {
            answer.reset();
            String statusLine = readLine();
            if (statusLine == null) throw new EOFException("connection closed before an answer");
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("not an HTTP/1.x status line: " + printable(statusLine));
            }
            int status = parseStatus(statusLine);
            boolean keepAlive = statusLine.charAt(7) != '0';   // HTTP/1.0 closes unless it says keep-alive
            long contentLength = -1;
            boolean chunked = false;
            int headers = 0;
            for (String h = readLine(); ; h = readLine()) {
                if (h == null) throw new EOFException("connection closed in the answer's headers");
                if (h.isEmpty()) break;
                if (++headers > MAX_HEADERS) throw new ProtocolException("more than " + MAX_HEADERS + " headers");
                int colon = h.indexOf(':');
                if (colon <= 0) continue;
                String value = h.substring(colon + 1).trim();
                if (named(h, colon, "content-length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new ProtocolException("bad Content-Length: " + printable(value));
                    }
                    if (contentLength < 0) throw new ProtocolException("bad Content-Length: " + value);
                } else if (named(h, colon, "transfer-encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
                } else if (named(h, colon, "connection")) {
                    String v = value.toLowerCase(java.util.Locale.ROOT);
                    if (v.contains("close")) keepAlive = false;
                    else if (v.contains("keep-alive")) keepAlive = true;
                } else if (named(h, colon, "x-amzn-errortype")) {
                    answer.errorType(value);
                } else if (named(h, colon, "x-amzn-requestid") || (answer.requestId() == null && named(h, colon, "x-amz-request-id"))) {
                    answer.requestId(value);
                }
            }
            if (status / 100 == 1) {
                if (status == 101) throw new ProtocolException("unexpected 101 Switching Protocols");
                continue;   // 100 Continue, 103 Early Hints: the real answer follows
            }
            answer.status(status);
            if (status == 204 || status == 304) {
                // no body
            } else if (chunked) {
                readChunked(answer);
            } else if (contentLength >= 0) {
                if (contentLength > Integer.MAX_VALUE - 16) throw new ProtocolException("answer too large: " + contentLength);
                readFully(answer, (int) contentLength);
            } else {
                readToClose(answer);
                keepAlive = false;
            }
            answer.keepAlive(keepAlive);
            return;
        }
    }

    private static int parseStatus(String statusLine) throws ProtocolException {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') throw new ProtocolException("bad status line: " + printable(statusLine));
            code = code * 10 + (c - '0');
        }
        return code;
    }

    private static boolean named(String header, int colon, String lowerName) {
        return colon == lowerName.length() && header.regionMatches(true, 0, lowerName, 0, colon);
    }

    private void readChunked(HttpAnswer answer) throws IOException {
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) throw new EOFException("connection closed in a chunked answer");
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + printable(hex));
            }
            if (size < 0) throw new ProtocolException("bad chunk size: " + hex);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers carry nothing we use
                }
                return;
            }
            readFully(answer, size);
            String end = readLine();
            if (end == null || !end.isEmpty()) throw new ProtocolException("chunk not followed by CRLF");
        }
    }

    /** Appends exactly {@code n} body bytes: what is buffered first, the rest straight from the stream. */
    private void readFully(HttpAnswer answer, int n) throws IOException {
        byte[] dst = answer.room(n);
        int at = answer.length();
        int buffered = Math.min(n, lim - pos);
        System.arraycopy(buf, pos, dst, at, buffered);
        pos += buffered;
        int done = buffered;
        while (done < n) {
            int r = in.read(dst, at + done, n - done);
            if (r < 0) throw new EOFException("answer ended after " + done + " of " + n + " bytes");
            done += r;
        }
        answer.grew(n);
    }

    private void readToClose(HttpAnswer answer) throws IOException {
        int buffered = lim - pos;
        System.arraycopy(buf, pos, answer.room(buffered), answer.length(), buffered);
        answer.grew(buffered);
        pos = lim;
        while (true) {
            byte[] dst = answer.room(8 * 1024);
            int r = in.read(dst, answer.length(), dst.length - answer.length());
            if (r < 0) return;
            answer.grew(r);
        }
    }

    /** One line without its CRLF (a bare LF is accepted); null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (pos == lim) {
                int r = in.read(buf, 0, buf.length);
                if (r < 0) {
                    if (line.isEmpty()) return null;
                    throw new EOFException("connection closed in a header line");
                }
                pos = 0;
                lim = r;
            }
            while (pos < lim) {
                byte b = buf[pos++];
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
                    return line.toString();
                }
                if (line.length() >= MAX_LINE) throw new ProtocolException("header line longer than " + MAX_LINE + " bytes");
                line.append((char) (b & 0xff));
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
