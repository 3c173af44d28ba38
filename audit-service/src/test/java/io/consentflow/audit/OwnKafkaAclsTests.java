package io.consentflow.audit;

import io.consentflow.schemas.Services;
import io.consentflow.testsupport.OwnKafkaAclsContract;
import io.consentflow.testsupport.SecuredKafkaBroker;
import org.springframework.test.context.ContextConfiguration;

/** audit-service runs on exactly the catalog's ACLs, as its own principal ({@link OwnKafkaAclsContract}). */
@ContextConfiguration(initializers = OwnKafkaAclsTests.AsAuditService.class)
class OwnKafkaAclsTests extends OwnKafkaAclsContract {

    static class AsAuditService extends SecuredKafkaBroker.AsPrincipal {
        AsAuditService() {
            super(Services.AUDIT);
        }
    }
}
