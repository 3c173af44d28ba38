package io.consentflow.schemas;

/**
 * Bounds what a corrupt length prefix can make Avro allocate. No ConsentFlow event holds a string over 64 KiB or a
 * collection over 10,000 items; without these limits a few garbage bytes can ask for gigabytes. Operators may still
 * override each property on the command line.
 */
final class DecoderLimits {

    private DecoderLimits() {
    }

    static void apply() {
        setIfAbsent("org.apache.avro.limits.string.maxLength", "65536");
        setIfAbsent("org.apache.avro.limits.bytes.maxLength", "65536");
        setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", "10000");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
