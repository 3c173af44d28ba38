package io.consentflow.retention;

import io.consentflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domainCoreImportsNoFramework() {
        ArchitectureRules.domainIsFrameworkFree("..retention.domain..")
                .check(ArchitectureRules.productionClasses("io.consentflow.retention"));
    }
}
