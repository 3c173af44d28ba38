package io.consentflow.consent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.consentflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The house layout (docs/architecture.md#layout-inside-a-service): all its rules, the domain's purity included. */
class ArchitectureTest {

    private static final String BASE = "io.consentflow.consent";
    private static final JavaClasses MAIN = ArchitectureRules.productionClasses(BASE);

    @Test
    void theDomainCoreIsFrameworkFree() {
        ArchitectureRules.domainIsFrameworkFree(BASE + ".domain..").check(MAIN);
    }

    @Test
    void followsTheHouseLayout() {
        CompositeArchRule.of(ArchitectureRules.houseLayout(BASE)).check(MAIN);
    }
}
