package io.consentflow.testsupport.layoutfixture.violating.misc;

/** Rule 5: not a house package. */
public class Util {
}
