package ai.based.validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP relay in front of a miner that holds every byte the miner sends back for a fixed delay (what a slow miner looks
 * like from the client: each reply late, everything else the same). It relays TLS untouched, so the certificate pin still
 * holds; what goes to the miner passes at once.
 */
final class DelayLine implements AutoCloseable {
    private static final byte[] END = new byte[0];

    private final ServerSocket server;
    private final int target;
    private final Duration delay;

    private record Chunk(byte[] bytes, long arrivedNanos) {}

    DelayLine(int target, Duration delay) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.delay = delay;
        Thread.ofPlatform().daemon().name("delay-line").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket miner = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread.ofVirtual().start(() -> pump(client, miner));
                BlockingQueue<Chunk> late = new LinkedBlockingQueue<>();
                Thread.ofVirtual().start(() -> read(miner, late));
                Thread.ofVirtual().start(() -> deliver(late, client));
            } catch (IOException e) {
                // the relay is closing
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side went away
        } finally {
            closeQuietly(to);
        }
    }

    private static void read(Socket miner, BlockingQueue<Chunk> late) {
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = miner.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) late.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
        } catch (IOException e) {
            // the miner or the relay closed
        }
        late.add(new Chunk(END, System.nanoTime()));
    }

    private void deliver(BlockingQueue<Chunk> late, Socket client) {
        try (OutputStream out = client.getOutputStream()) {
            while (true) {
                Chunk chunk = late.take();
                long wait = chunk.arrivedNanos() + delay.toNanos() - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                if (chunk.bytes() == END) break;
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            closeQuietly(client);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
