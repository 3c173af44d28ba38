package io.consentflow.rules.intent;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the word classes of all lexicons, {@link Role}s first, so that the classes of a token fit in one long and
 * a pattern item's test is a bit test.
 */
final class ClassNames {

    static final int MAX = 64;

    private final Map<String, Integer> ids = new HashMap<>();

    ClassNames() {
        for (Role role : Role.values()) {
            ids.put(role.section, role.ordinal());
        }
    }

    synchronized long bit(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            if (ids.size() == MAX) {
                throw new IllegalStateException("more than " + MAX + " word classes; cannot add " + name);
            }
            id = ids.size();
            ids.put(name, id);
        }
        return 1L << id;
    }
}
