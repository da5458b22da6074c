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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a miner that holds the miner's replies to work for a fixed delay (what a slow miner looks like
 * from the client: each pass's messages late, everything else the same). It relays TLS untouched, so the certificate pin
 * still holds, and so it cannot read the requests: a connection counts as carrying work once the client has sent it more
 * than {@link #WORK_BYTES} (an encrypted prompt, a key set), and only then are the miner's bytes held. Handshakes, health
 * checks and info pass at once, as a slow miner's would.
 */
final class DelayLine implements AutoCloseable {
    private static final byte[] END = new byte[0];
    static final long WORK_BYTES = 64 << 10;

    private final ServerSocket server;
    private final int target;
    private final Duration delay;

    private record Chunk(byte[] bytes, long arrivedNanos, boolean late) {}

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
                AtomicLong sent = new AtomicLong();
                Thread.ofVirtual().start(() -> pump(client, miner, sent));
                BlockingQueue<Chunk> late = new LinkedBlockingQueue<>();
                Thread.ofVirtual().start(() -> read(miner, late, sent));
                Thread.ofVirtual().start(() -> deliver(late, client));
            } catch (IOException e) {
                // the relay is closing
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong sent) {
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
                sent.addAndGet(n);
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            closeQuietly(to);
        }
    }

    private static void read(Socket miner, BlockingQueue<Chunk> late, AtomicLong sent) {
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = miner.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                late.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime(), sent.get() > WORK_BYTES));
            }
        } catch (IOException e) {
            // the miner or the relay closed
        }
        late.add(new Chunk(END, System.nanoTime(), false));
    }

    private void deliver(BlockingQueue<Chunk> late, Socket client) {
        try (OutputStream out = client.getOutputStream()) {
            while (true) {
                Chunk chunk = late.take();
                long wait = chunk.late() ? chunk.arrivedNanos() + delay.toNanos() - System.nanoTime() : 0;
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
