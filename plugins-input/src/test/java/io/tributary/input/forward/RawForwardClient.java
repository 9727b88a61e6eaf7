package io.tributary.input.forward;

import io.tributary.record.MalformedMsgpackException;
import io.tributary.record.Msgpack;
import io.tributary.record.MsgpackValues;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A plain socket speaking raw bytes to the server, reading back whole msgpack values (acks, HELO, PONG). */
final class RawForwardClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    RawForwardClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawForwardClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next msgpack value from the server, decoded; fails after the socket timeout. */
    Object read() throws IOException {
        byte[] buf = new byte[4096];
        while (true) {
            byte[] have = pending.toByteArray();
            if (have.length > 0) {
                try {
                    int end = Msgpack.skip(have, 0, have.length);
                    Object v = MsgpackValues.decode(have, 0, end);
                    pending.reset();
                    pending.write(have, end, have.length - end);
                    return v;
                } catch (MalformedMsgpackException incomplete) {
                    // wait for more bytes
                }
            }
            int n = in.read(buf);
            if (n < 0) throw new IOException("connection closed by the server");
            pending.write(buf, 0, n);
        }
    }

    /** True when the server closed the connection (reads EOF or a reset) within the timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                int n = in.read(new byte[4096]);
                if (n < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    void setTimeoutMillis(int millis) throws IOException { socket.setSoTimeout(millis); }

    Socket socket() { return socket; }

    @Override public void close() throws IOException { socket.close(); }
}
