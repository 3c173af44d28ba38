package io.consentflow.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.consentflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The house layout (docs/architecture.md#layout-inside-a-service). */
class ArchitectureTest {

    private static final String BASE = "io.consentflow.gateway";
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(BASE);

    @Test
    void domainCoreImportsNoFramework() {
        ArchitectureRules.domainIsPure(BASE).check(CLASSES);
    }

    @Test
    void followsTheHouseLayout() {
        CompositeArchRule.of(ArchitectureRules.houseLayout(BASE)).check(CLASSES);
    }
}
