package io.consentflow.audit.config;

import io.consentflow.audit.domain.SigningKeys;
import org.springframework.beans.factory.InitializingBean;

/** Under the prod profile, refuses to start with the documented development signing key. Names the property only. */
public class DevelopmentKeyGuard implements InitializingBean {

    private final AuditProperties properties;

    public DevelopmentKeyGuard(AuditProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (SigningKeys.isDevelopmentKey(properties.signingKey())) {
            throw new IllegalStateException("prod profile refuses to start: consentflow.audit.signing-key holds the "
                    + "local development default. Provide AUDIT_SIGNING_KEY through a Kubernetes Secret.");
        }
    }
}
