package io.consentflow.proof.tsa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.consentflow.proof.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import java.util.List;

/**
 * A small RFC 3161 time-stamping authority for local runs and tests: {@code POST /tsa} with an
 * {@code application/timestamp-query} body answers a signed token (ECDSA P-256, SHA-256, with its certificate). It is
 * NOT a qualified TSA: production points audit-service at one (docs/going-live.md). Started by ./run-local.sh as
 * {@code java -cp ... io.consentflow.proof.tsa.LocalTimestampAuthority FOLDER --port 8318}; the folder keeps its key
 * and certificate ({@code tsa-cert.pem}, which audit-service and the offline verifier pin) across restarts.
 */
public final class LocalTimestampAuthority implements AutoCloseable {

    /** The policy OID the tokens name: a private arc, meaning "local development, no legal effect". */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.3161.1");

    private final HttpServer server;
    private final TsaKeys keys;
    private final TimeStampResponseGenerator responses;
    private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

    private LocalTimestampAuthority(HttpServer server, TsaKeys keys) throws Exception {
        this.server = server;
        this.keys = keys;
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.privateKey(),
                        keys.certificate()),
                new JcaDigestCalculatorProviderBuilder().build()
                        .get(new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")), POLICY);
        tokens.addCertificates(new JcaCertStore(List.of(keys.certificate())));
        this.responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    }

    /** Starts on {@code port} (0: any free port) with the key kept in {@code folder} (null: a fresh key in memory). */
    public static LocalTimestampAuthority start(String host, int port, Path folder) {
        try {
            TsaKeys keys = folder == null ? TsaKeys.generate() : TsaKeys.loadOrCreate(folder);
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "local-tsa");
                thread.setDaemon(true);
                return thread;
            }));
            LocalTimestampAuthority tsa = new LocalTimestampAuthority(server, keys);
            server.createContext("/tsa", tsa::answer);
            server.start();
            return tsa;
        } catch (Exception e) {
            throw new IllegalStateException("the local TSA did not start: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/tsa";
    }

    public X509Certificate certificate() {
        return keys.certificate();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] reply;
            try {
                TimeStampRequest request = new TimeStampRequest(body.readNBytes(64 * 1024));
                TimeStampResponse response = responses.generate(request, BigInteger.valueOf(serials.incrementAndGet()),
                        new Date());
                reply = response.getEncoded();
            } catch (Exception e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", Timestamps.REPLY_MEDIA_TYPE);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** {@code LocalTimestampAuthority FOLDER [--host 127.0.0.1] [--port 8318]}: runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: LocalTimestampAuthority FOLDER [--host HOST] [--port PORT]");
            System.exit(2);
        }
        String host = "127.0.0.1";
        int port = 8318;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        LocalTimestampAuthority tsa = start(host, port, Path.of(args[0]));
        System.out.println("local TSA listening on " + tsa.url() + ", certificate " + Path.of(args[0],
                TsaKeys.CERTIFICATE_FILE));
        Thread.currentThread().join();
    }
}
