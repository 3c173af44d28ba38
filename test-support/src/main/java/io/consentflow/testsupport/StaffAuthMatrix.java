package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.platform.PlatformProperties;
import io.consentflow.platform.security.Role;
import io.consentflow.platform.security.StaffSecurityConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The staff auth matrix of one service, generated from the service itself: every handler method the running context
 * maps (method x path) that is not public is a staff endpoint, and each is called with no token, a forged, an
 * expired, an expiry-less, a wrong-issuer, a wrong-audience and an unsigned ({@code alg: none}) token (all 401),
 * a token with only an unknown role (403), and one token per {@link Role} (403 unless the service's table lists the
 * role; then anything but 401/403: the handler ran and answered for itself).
 */
final class StaffAuthMatrix {

    /** A staff endpoint as the table names it: {@code "GET /api/v1/subjects/{e164}/consent"}. */
    record Endpoint(HttpMethod method, String template) implements Comparable<Endpoint> {

        static Endpoint parse(String key) {
            String[] parts = key.trim().split("\\s+", 2);
            return new Endpoint(HttpMethod.valueOf(parts[0]), parts[1]);
        }

        @Override
        public String toString() {
            return method.name() + " " + template;
        }

        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }
    }

    /** The token flaws: each must be refused with 401 even though the token names every role. */
    enum Flaw {
        NO_TOKEN, FORGED, EXPIRED, NO_EXPIRY, WRONG_ISSUER, WRONG_AUDIENCE, ALG_NONE;

        String token() {
            var everyRole = StaffTokens.claims().roles(Arrays.stream(Role.values()).map(Role::name).toList());
            return switch (this) {
                case NO_TOKEN -> null;
                case FORGED -> everyRole.signedWith("another-secret-that-is-long-enough-0123456789");
                case EXPIRED -> everyRole.validFor(Duration.ofMinutes(-5)).signed();
                case NO_EXPIRY -> everyRole.withoutExpiry().signed();
                case WRONG_ISSUER -> everyRole.issuer("https://login.example.eu/realms/another").signed();
                case WRONG_AUDIENCE -> everyRole.audience("another-application").signed();
                case ALG_NONE -> everyRole.unsigned();
            };
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    private StaffAuthMatrix() {
    }

    /** Every non-public handler of the service's own controllers, as (method, path template). */
    static Set<Endpoint> discover(ApplicationContext context) {
        List<PathPattern> publicPaths = publicPaths(context.getBean(PlatformProperties.class));
        Set<Endpoint> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                if (!handler.getBeanType().getName().startsWith("io.consentflow.")) {
                    return;
                }
                assertThat(info.getMethodsCondition().getMethods())
                        .as("%s declares its HTTP method", handler).isNotEmpty();
                for (PathPattern path : info.getPatternsCondition().getPatterns()) {
                    String concrete = expand(path.getPatternString(), Map.of());
                    if (publicPaths.stream().noneMatch(p -> p.matches(PathContainer.parsePath(concrete)))) {
                        info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(
                                new Endpoint(HttpMethod.valueOf(method.name()), path.getPatternString())));
                    }
                }
            });
        }
        return endpoints;
    }

    static Stream<DynamicTest> tests(WebTestClient web, Map<Endpoint, Set<Role>> table,
            Map<String, String> pathValues) {
        List<DynamicTest> tests = new ArrayList<>();
        table.forEach((endpoint, allowed) -> {
            String url = expand(endpoint.template(), pathValues);
            for (Flaw flaw : Flaw.values()) {
                tests.add(DynamicTest.dynamicTest(endpoint + " x " + flaw + " -> 401",
                        () -> assertThat(call(web, endpoint, url, flaw.token())).as("%s with %s", endpoint, flaw)
                                .isEqualTo(401)));
            }
            tests.add(DynamicTest.dynamicTest(endpoint + " x UNKNOWN_ROLE_ONLY -> 403",
                    () -> assertThat(call(web, endpoint, url, StaffTokens.forRole("AUDITOR")))
                            .as("%s with a token whose only role is unknown", endpoint).isEqualTo(403)));
            for (Role role : Role.values()) {
                boolean may = allowed.contains(role);
                tests.add(DynamicTest.dynamicTest(endpoint + " x " + role + (may ? " -> allowed" : " -> 403"), () -> {
                    int status = call(web, endpoint, url, StaffTokens.forRole(role.name()));
                    if (may) {
                        assertThat(status).as("%s as %s reaches the handler", endpoint, role).isNotIn(401, 403);
                    } else {
                        assertThat(status).as("%s as %s", endpoint, role).isEqualTo(403);
                    }
                }));
            }
        });
        return tests.stream();
    }

    private static int call(WebTestClient web, Endpoint endpoint, String url, String token) {
        WebTestClient.RequestBodySpec request = web.method(endpoint.method()).uri(url);
        if (token != null) {
            request.headers(headers -> headers.setBearerAuth(token));
        }
        boolean hasBody = endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PUT
                || endpoint.method() == HttpMethod.PATCH;
        WebTestClient.RequestHeadersSpec<?> ready = hasBody
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}") : request;
        return ready.exchange().returnResult(byte[].class).getStatus().value();
    }

    static String expand(String template, Map<String, String> values) {
        Matcher variable = VARIABLE.matcher(template);
        StringBuilder url = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(url, Matcher.quoteReplacement(values.getOrDefault(variable.group(1),
                    "matrix-" + variable.group(1))));
        }
        variable.appendTail(url);
        return url.toString();
    }

    private static List<PathPattern> publicPaths(PlatformProperties platform) {
        List<String> paths = new ArrayList<>(StaffSecurityConfiguration.ALWAYS_PUBLIC);
        paths.addAll(platform.security().publicPaths());
        return paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }
}
