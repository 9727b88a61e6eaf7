package io.tributary.output.aws;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One open keep-alive HTTP/1.1 connection (plain or TLS) to a service endpoint: writes a request, reads its answer
 * into a body buffer it keeps for the next one. Used by one caller at a time (the pool hands it out).
 */
final class AwsHttpConnection implements AutoCloseable {
    /** Request heads and small bodies leave in one write; bodies as large as this go straight to the socket. */
    private static final int WRITE_BUFFER = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final HttpAnswerReader reader;
    private final HttpAnswer answer = new HttpAnswer();
    private final int readTimeoutMillis;
    private long idleSince;

    AwsHttpConnection(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.readTimeoutMillis = readTimeoutMillis;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER);
        this.reader = new HttpAnswerReader(in);
        socket.setSoTimeout(readTimeoutMillis);
        idleSince = System.nanoTime();
    }

    /**
     * Sends the request head and {@code body[0, length)} and reads the answer. The answer's body stays valid until
     * this connection's next exchange.
     */
    HttpAnswer exchange(byte[] head, int headLength, byte[] body, int length) throws IOException {
        out.write(head, 0, headLength);
        out.write(body, 0, length);
        out.flush();
        reader.read(answer);
        return answer;
    }

    /** The caller is done with the answer; the connection waits in the pool from now on. */
    void idle(long nanoTime) {
        answer.shrink();
        idleSince = nanoTime;
    }

    long idleSince() { return idleSince; }

    /**
     * Whether the server closed this connection (or sent something unasked) while it waited: a 1 ms read must time
     * out on a live one. Costs up to 1 ms, so the pool asks only after a connection idled a while.
     */
    boolean isStale() {
        if (reader.hasUnreadBytes()) return true;
        try {
            socket.setSoTimeout(1);
            in.read();
            return true;   // end of stream, or a byte nobody asked for
        } catch (SocketTimeoutException alive) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(readTimeoutMillis);
            } catch (IOException ignored) {
                // a broken socket fails its next exchange and is discarded then
            }
        }
    }

    @Override public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
