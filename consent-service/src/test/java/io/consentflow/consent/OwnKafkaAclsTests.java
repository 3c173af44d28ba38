package io.consentflow.consent;

import io.consentflow.schemas.Services;
import io.consentflow.testsupport.OwnKafkaAclsContract;
import io.consentflow.testsupport.SecuredKafkaBroker;
import org.springframework.test.context.ContextConfiguration;

/** consent-service runs on exactly the catalog's ACLs, as its own principal ({@link OwnKafkaAclsContract}). */
@ContextConfiguration(initializers = OwnKafkaAclsTests.AsConsentService.class)
class OwnKafkaAclsTests extends OwnKafkaAclsContract {

    static class AsConsentService extends SecuredKafkaBroker.AsPrincipal {
        AsConsentService() {
            super(Services.CONSENT);
        }
    }
}
