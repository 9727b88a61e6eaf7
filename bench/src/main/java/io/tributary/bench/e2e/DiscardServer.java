package io.tributary.bench.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server on 127.0.0.1 that reads and throws away everything, one thread per connection: the fastest
 * possible receiver, to measure the load generator's own ceiling.
 */
final class DiscardServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final AtomicLong bytes = new AtomicLong();
    private final Thread acceptor;

    DiscardServer() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = Thread.ofPlatform().daemon().name("e2e-discard-accept").start(this::acceptLoop);
    }

    InetSocketAddress address() throws IOException { return (InetSocketAddress) server.getLocalAddress(); }

    long bytes() { return bytes.get(); }

    private void acceptLoop() {
        try {
            while (server.isOpen()) {
                SocketChannel ch = server.accept();
                Thread.ofPlatform().daemon().name("e2e-discard").start(() -> drain(ch));
            }
        } catch (ClosedChannelException closed) {
            // close() was called
        } catch (IOException e) {
            System.err.println("discard server: " + e);
        }
    }

    private void drain(SocketChannel ch) {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (ch) {
            int n;
            while ((n = ch.read(buf)) >= 0) {
                bytes.addAndGet(n);
                buf.clear();
            }
        } catch (IOException ignored) {
            // the generator closed the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
