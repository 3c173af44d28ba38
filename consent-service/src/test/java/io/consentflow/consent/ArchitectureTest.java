package io.consentflow.consent;

import io.consentflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void theDomainCoreIsFrameworkFree() {
        ArchitectureRules.domainIsFrameworkFree("io.consentflow.consent.domain..")
                .check(ArchitectureRules.productionClasses("io.consentflow.consent"));
    }
}
