package io.tributary.engine;

/** The build's version, from the jar manifest when packaged. */
public final class Version {
    private Version() {}

    public static final String VERSION = detect();

    private static String detect() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
