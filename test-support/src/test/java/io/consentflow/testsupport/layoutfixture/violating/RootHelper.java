package io.consentflow.testsupport.layoutfixture.violating;

/** Rule 5: the root package holds only the main class. */
public class RootHelper {
}
