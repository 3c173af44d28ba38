package io.consentflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP server every service runs on (Reactor Netty) must keep reading a keep-alive connection after it answered
 * a request that arrived while the previous one was still finishing. Reactor Netty 1.3.6 stopped reading such a
 * connection for good (reactor-netty issue 4361, fixed in 1.3.8): the next request on it hung until the client gave
 * up. It showed as a staff request that never got its 401 in audit-service's auth matrix, and it would hang a DPO's
 * console or a campaign system the same way. This test pins the fixed version: it fails on 1.3.6.
 */
class KeepAliveConnectionTests {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void aKeepAliveConnectionIsStillReadAfterAQueuedRequestWasAnsweredAtOnce() throws IOException {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(request.uri().equals("/slow")
                        ? Mono.delay(Duration.ofMillis(50)).thenReturn("slow") : Mono.just("quick")))
                .bindNow(PATIENCE);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // the second request is queued behind the slow first one and answered synchronously once it runs
            out.write((get("/slow") + get("/quick")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("the first answer").endsWith("slow");
            assertThat(readResponse(in)).as("the queued request's answer").endsWith("quick");

            out.write(get("/after").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("a request sent on the same connection afterwards is answered")
                    .startsWith("HTTP/1.1 200").endsWith("quick");
        } finally {
            server.disposeNow();
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
    }

    /** One response: its headers, then exactly content-length bytes of body (the server answers with a length). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) next);
        }
        int length = head.toString().lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst().orElseThrow(() -> new IOException("no content-length in: " + head));
        byte[] body = in.readNBytes(length);
        return head.toString().strip() + "\n" + new String(body, StandardCharsets.US_ASCII);
    }
}
