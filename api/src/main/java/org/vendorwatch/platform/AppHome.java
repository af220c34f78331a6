package org.vendorwatch.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.system.ApplicationHome;
import org.vendorwatch.VendorwatchApplication;

/**
 * Where relative paths in the settings (the embedded database's folder, the releases' folder) are
 * anchored, so that the service, the release command and the trail check find the same files from any
 * working directory: the root of the checkout when run from one (the folder holding {@code mvnw} and
 * {@code migrations/}, whether from the jar in {@code api/target} or from {@code spring-boot:run}),
 * otherwise the folder of the jar.
 */
public final class AppHome {

    private static volatile Path home;

    private AppHome() {}

    /** The anchor of relative paths. */
    public static Path dir() {
        Path h = home;
        if (h == null) {
            ApplicationHome app = new ApplicationHome(VendorwatchApplication.class);
            Path source = app.getSource() != null
                    ? app.getSource().toPath().toAbsolutePath()
                    : app.getDir().toPath().toAbsolutePath();
            h = app.getDir().toPath().toAbsolutePath().normalize();
            for (Path p = source; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("migrations"))) {
                    h = p;
                    break;
                }
            }
            home = h;
        }
        return h;
    }

    /** {@code path} as an absolute path: as it is when absolute, else under {@link #dir()}. */
    public static Path resolve(String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : dir().resolve(p)).normalize();
    }
}
