package io.tributary.output.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A tiny HTTP CONNECT proxy on 127.0.0.1: records each CONNECT request, then pipes bytes both ways. */
final class TunnelProxy implements AutoCloseable {
    private final ServerSocket server;
    final BlockingQueue<RawHttpServer.Request> connects = new LinkedBlockingQueue<>();

    TunnelProxy() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> tunnel(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() { return server.getLocalPort(); }

    private void tunnel(Socket client) {
        try (client) {
            RawHttpServer.Request r = RawHttpServer.read(client.getInputStream());
            if (r == null) return;
            connects.add(r);
            String[] parts = r.requestLine().split(" ");
            if (!parts[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            int colon = parts[1].lastIndexOf(':');
            try (Socket target = new Socket(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1)))) {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                Thread up = Thread.ofVirtual().start(() -> pipe(client, target));
                pipe(target, client);
                up.join();
            }
        } catch (IOException | InterruptedException e) {
            // either side went away
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) out.write(buf, 0, n);
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override public void close() throws IOException { server.close(); }
}
