package io.consentflow.console.web;

import java.util.Set;

/**
 * The signed-in staff member as pages see them (public: the templates read it).
 *
 * @param subject the identity provider's subject (the token's {@code sub}), which the services audit
 * @param roles   the staff roles from the ID token
 */
public record Staff(String subject, Set<String> roles) {

    public boolean any(String... wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** DPO, SUPPORT and ADMIN see people; MARKETING sees aggregates only. */
    public boolean seesPersonalData() {
        return any("DPO", "SUPPORT", "ADMIN");
    }

    /** Art. 15 export, Art. 17 erasure, proof of consent and chat erasure requests: DPO and ADMIN. */
    public boolean exercisesRights() {
        return any("DPO", "ADMIN");
    }
}
