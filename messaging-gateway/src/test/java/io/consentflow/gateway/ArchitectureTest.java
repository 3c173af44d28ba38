package io.consentflow.gateway;

import io.consentflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domainIsFrameworkFree() {
        ArchitectureRules.domainIsFrameworkFree("..gateway.domain..")
                .check(ArchitectureRules.productionClasses("io.consentflow.gateway"));
    }
}
