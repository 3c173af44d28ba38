package io.consentflow.retention;

import io.consentflow.schemas.Services;
import io.consentflow.testsupport.OwnKafkaAclsContract;
import io.consentflow.testsupport.SecuredKafkaBroker;
import org.springframework.test.context.ContextConfiguration;

/** retention-service runs on exactly the catalog's ACLs, as its own principal ({@link OwnKafkaAclsContract}). */
@ContextConfiguration(initializers = OwnKafkaAclsTests.AsRetentionService.class)
class OwnKafkaAclsTests extends OwnKafkaAclsContract {

    static class AsRetentionService extends SecuredKafkaBroker.AsPrincipal {
        AsRetentionService() {
            super(Services.RETENTION);
        }
    }
}
