package io.consentflow.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds things that look like secrets in deployment files: the public development defaults and random strings. */
final class SecretScanner {

    private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9+/_-]{20,}={0,2}");
    private static final Pattern STRING_CONSTANT = Pattern.compile(
            "public static final String [A-Z_]+ = \"([^\"]+)\";");
    private static final double ENTROPY_BITS_PER_CHAR = 4.0;

    private SecretScanner() {
    }

    /**
     * The development defaults, read from the platform's DevelopmentSecrets source so this list cannot drift, plus
     * the prefix every other local default shares.
     */
    static List<String> developmentDefaults() {
        Matcher matcher = STRING_CONSTANT.matcher(Repo.read(
                "platform/src/main/java/io/consentflow/platform/secrets/DevelopmentSecrets.java"));
        List<String> defaults = new ArrayList<>();
        while (matcher.find()) {
            defaults.add(matcher.group(1));
        }
        defaults.add("local-development-");
        // and whatever development default a service puts on a secret placeholder (e.g. a dev signing key)
        ServiceContract.allDeployables().forEach(service -> defaults.addAll(service.secretDefaults()));
        return defaults.stream().distinct().toList();
    }

    /** Random-looking tokens: long, mixing lower case, upper case and digits, with high Shannon entropy. */
    static List<String> highEntropyTokens(String text, Set<String> allowed) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            String token = matcher.group();
            if (!allowed.contains(token) && mixesCharacterClasses(token) && entropy(token) >= ENTROPY_BITS_PER_CHAR) {
                found.add(token);
            }
        }
        return found;
    }

    private static boolean mixesCharacterClasses(String token) {
        return token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isUpperCase)
                && token.chars().anyMatch(Character::isLowerCase);
    }

    static double entropy(String token) {
        Map<Integer, Integer> counts = new HashMap<>();
        token.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / token.length();
            entropy -= p * Math.log(p) / Math.log(2);
        }
        return entropy;
    }
}
