package io.tributary.output.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 whose answers a test writes byte by byte, for what a real server does not do
 * on demand: close a kept-alive connection, never answer, or answer through a proxy's absolute-form request.
 */
final class RawHttpServer implements AutoCloseable {
    /** One request as read off the wire. */
    record Request(String requestLine, List<String> headers, byte[] body) {
        String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) return h.substring(colon + 1).trim();
            }
            return null;
        }
    }

    /** What the test does with a request: writes an answer, and says whether to keep the connection open. */
    interface Script {
        boolean answer(Request request, OutputStream out, int connection) throws IOException;
    }

    private final ServerSocket server;
    private final Script script;
    final AtomicInteger connections = new AtomicInteger();
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Connection numbers as the server closes them. */
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    private final List<Socket> open = new ArrayList<>();

    RawHttpServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() { return server.getLocalPort(); }

    String url() { return "http://127.0.0.1:" + port(); }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                synchronized (open) {
                    open.add(s);
                }
                Thread.ofVirtual().start(() -> serve(s, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int n) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                Request r = read(in);
                if (r == null) break;
                requests.add(r);
                boolean keep = script.answer(r, out, n);
                out.flush();
                if (!keep) break;
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            closed.add(n);
        }
    }

    static Request read(InputStream in) throws IOException {
        String first = line(in);
        if (first == null) return null;
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            headers.add(h);
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
        }
        return new Request(first, headers, in.readNBytes(length));
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** An answer with a Content-Length, and any extra header lines. */
    static void answer(OutputStream out, int status, String body, String... headers) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\nContent-Type: application/x-amz-json-1.1\r\n");
        for (String x : headers) h.append(x).append("\r\n");
        h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
    }

    @Override public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket s : open) s.close();
        }
    }
}
