package io.consentflow.localinfra.send;

import io.consentflow.events.SendRequest;
import io.consentflow.localinfra.send.GatewayTimeline.Refused;
import io.consentflow.localinfra.send.OutcomeWaiter.Waited;
import io.consentflow.localinfra.send.RequestPublisher.Published;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./run-local.sh send}: publishes one SendRequest on {@code send-requests} exactly as a campaign system would,
 * then follows it in messaging-gateway's message timeline until it has an outcome.
 *
 * <pre>
 * send --to +4915123456789 --template new_collection [--lang de] [--purpose offers] [--param VALUE]...
 *      [--category MARKETING|UTILITY] [--wait SECONDS]
 * </pre>
 *
 * Exit codes: 0 the request has an outcome (SENT, BLOCKED and FAILED alike: the command did its job), or was published
 * with {@code --wait 0}; 1 publishing failed, the gateway refused the token, or no outcome within the wait;
 * 2 bad arguments, reported as one line {@code send: <what is wrong>} before any Kafka client exists.
 */
public final class SendCommand {

    static final int OK = 0;
    static final int NO_OUTCOME = 1;
    static final int USAGE = 2;
    static final String STAFF_ROLE = "DPO";
    /** The token outlives the longest wait, so one token serves every look at the timeline. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    static final String HELP = """
            usage: ./run-local.sh send --to +49... --template NAME [--lang de] [--purpose offers] [--param VALUE]...
                                       [--category MARKETING|UTILITY] [--wait SECONDS]
              Publishes one SendRequest on send-requests as a campaign system does (key: the number, campaign
              run-local-cli), then polls the gateway's GET /api/v1/messages/{requestId} with a DPO token until the
              request has an outcome or --wait seconds (default 30, 0 = do not wait, at most 600) have passed.
              --param fills the template body's {{1}}, {{2}} ... in order. Environment: KAFKA_BOOTSTRAP_SERVERS,
              GATEWAY_URL, CONSENTFLOW_JWT_SECRET.
              Exit: 0 outcome known, 1 no outcome or not published, 2 bad arguments.""";

    private SendCommand() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        System.out.flush();
        // exit explicitly: the shell needs the code, and no client thread may keep the JVM alive
        System.exit(code);
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.println(HELP);
            return OK;
        }
        SendArguments parsed;
        Settings settings;
        try {
            parsed = SendArguments.parse(args);
            settings = Settings.fromEnvironment(env);
        } catch (SendArguments.Invalid e) {
            err.println("send: " + e.getMessage());
            return USAGE;
        }
        return send(parsed, settings, out, err);
    }

    /** Everything after validation: the arguments and the environment are known to be usable. */
    static int send(SendArguments args, Settings settings, PrintStream out, PrintStream err) {
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        SendRequest request = CampaignRequests.of(args, requestId, now);
        Published published;
        try {
            published = RequestPublisher.publish(settings.bootstrapServers(), request);
        } catch (RequestPublisher.Failed e) {
            err.println("send: " + e.getMessage());
            return NO_OUTCOME;
        }
        var report = new SendReport(ZoneId.systemDefault());
        print(out, report.published(requestId, published, args));
        if (args.waitTime().isZero()) {
            print(out, report.notFollowed());
            return OK;
        }
        return follow(requestId, args.waitTime(), settings, report, out, err, now);
    }

    private static int follow(String requestId, Duration wait, Settings settings, SendReport report, PrintStream out,
            PrintStream err, Instant now) {
        String token = StaffToken.mint(settings.jwtSecret(), settings.jwtIssuer(), settings.jwtAudience(), STAFF_ROLE,
                now,
                wait.plus(TOKEN_MARGIN));
        Waited waited;
        try {
            waited = OutcomeWaiter.await(new GatewayTimeline(settings.gatewayUrl(), token), requestId, wait,
                    settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("send: interrupted while waiting for the outcome of " + requestId);
            return NO_OUTCOME;
        }
        if (waited.last() instanceof Refused refused) {
            err.println("send: " + refused.why());
            return NO_OUTCOME;
        }
        print(out, report.outcome(waited, wait));
        return waited.decided() ? OK : NO_OUTCOME;
    }

    private static void print(PrintStream out, List<String> lines) {
        lines.forEach(out::println);
        out.flush();
    }
}
