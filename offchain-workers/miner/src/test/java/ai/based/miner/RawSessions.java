package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** A hostile client's WebSocket: raw bytes to a miner's session, whatever the protocol says. */
final class RawSessions {
    private RawSessions() {}

    /** Sends one raw message on a fresh session and returns the miner's failure as "status reason". */
    static String failureFor(HttpClient raw, URI endpoint, byte[] message) throws Exception {
        var inbox = new java.util.concurrent.LinkedBlockingQueue<byte[]>();
        WebSocket socket = raw.newWebSocketBuilder().buildAsync(URI.create("wss://" + endpoint.getRawAuthority() + "/v1/session"),
                new WebSocket.Listener() {
                    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] chunk = new byte[data.remaining()];
                        data.get(chunk);
                        partial.writeBytes(chunk);
                        if (last) {
                            inbox.add(partial.toByteArray());
                            partial.reset();
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendBinary(ByteBuffer.wrap(message), true).get(10, TimeUnit.SECONDS);
            byte[] answer = inbox.poll(30, TimeUnit.SECONDS);
            assertThat(answer).as("the miner answers").isNotNull();
            Message.Failure failure = (Message.Failure) WireCodec.decode(answer);
            return failure.status() + " " + failure.reason();
        } finally {
            socket.abort();
        }
    }
}
