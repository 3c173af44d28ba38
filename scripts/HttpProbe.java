import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java scripts/HttpProbe.java URL}: exits 0 when a GET on URL answers 200 within 2 s, 1 otherwise.
 * The fallback readiness probe of ./run-local.sh on machines without curl (Java 11+ source launcher, JDK only).
 */
public final class HttpProbe {
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java scripts/HttpProbe.java URL");
            System.exit(2);
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(2)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
