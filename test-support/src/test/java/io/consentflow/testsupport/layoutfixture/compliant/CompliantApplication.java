package io.consentflow.testsupport.layoutfixture.compliant;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service laid out as docs/architecture.md#layout-inside-a-service says (ArchitectureRulesTest). */
@SpringBootApplication
public class CompliantApplication {

    /** Nested classes of the main class belong to it. */
    record Banner(String text) {
    }
}
