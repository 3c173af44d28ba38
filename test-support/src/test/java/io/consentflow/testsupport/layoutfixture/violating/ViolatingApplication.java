package io.consentflow.testsupport.layoutfixture.violating;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service breaking each rule of the house layout once (ArchitectureRulesTest). */
@SpringBootApplication
public class ViolatingApplication {
}
