package org.vendorwatch;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point. It alone is compiled for Java 17 (the oldest Java that Spring Boot's
 * launcher runs on), so that {@code java -jar} on an older JDK than the service needs says so
 * plainly instead of failing with an {@code UnsupportedClassVersionError}.
 */
public final class Main {

    static final int REQUIRED = 21;

    private Main() {}

    public static void main(String[] args) throws Throwable {
        if (Runtime.version().feature() < REQUIRED) {
            System.err.println(
                    "Vendorwatch needs Java " + REQUIRED + " or newer; this is Java " + Runtime.version() + " at "
                            + System.getProperty("java.home") + ".\nRun the jar with a JDK " + REQUIRED
                            + "+, e.g. \"$JAVA_HOME/bin/java\" -jar ... with JAVA_HOME pointing at one (ls /usr/lib/jvm).");
            System.exit(1);
        }
        try {
            Class.forName("org.vendorwatch.VendorwatchApplication")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
