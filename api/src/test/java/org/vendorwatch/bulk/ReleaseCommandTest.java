package org.vendorwatch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vendorwatch.VendorwatchApplication;
import org.vendorwatch.platform.AppHome;

/**
 * The release command as an operator runs it ({@code java -jar ... release}): on the service's own
 * database folder, twice in a row, it writes one release beside (not inside) that folder; on a folder
 * with no database it makes none and says so. Relative settings never depend on the working directory.
 */
class ReleaseCommandTest {

    @Test
    void relativePathsAreAnchoredAtTheCheckoutNotTheWorkingDirectory() {
        Path home = AppHome.dir();
        assertThat(home.resolve("mvnw")).isRegularFile();
        assertThat(home.resolve("migrations")).isDirectory();
        assertThat(AppHome.resolve("data/postgres")).isEqualTo(home.resolve("data/postgres"));
        assertThat(AppHome.resolve("/srv/vw")).isEqualTo(Path.of("/srv/vw"));
        // Maven runs the tests in api/: the anchor is still the checkout's root
        assertThat(Path.of("").toAbsolutePath()).isNotEqualTo(home);
    }

    @Test
    void runTwiceOnTheServicesDatabaseItWritesOneReleaseBesideTheData() throws Exception {
        Path base = Files.createTempDirectory("vw-release-cmd-");
        // the server may run as 'nobody' (when the JVM is root): let it through, as the service's own folders do
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path data = base.resolve("postgres");
        // the service's first start creates, migrates and seeds the database
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(VendorwatchApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--vendorwatch.database.data-dir=" + data,
                        "--vendorwatch.database.name=release_cmd",
                        "--vendorwatch.audit.sealing=false")) {
            assertThat(service.isActive()).isTrue();
        }
        for (int run = 0; run < 2; run++) {
            VendorwatchApplication.release(
                            "--vendorwatch.database.data-dir=" + data, "--vendorwatch.database.name=release_cmd")
                    .close();
        }
        // a third run finds the data unchanged: the database holds the one release the first run wrote
        try (ConfigurableApplicationContext third = VendorwatchApplication.release(
                "--vendorwatch.database.data-dir=" + data, "--vendorwatch.database.name=release_cmd")) {
            List<Releases.Manifest> written = third.getBean(Releases.class).list();
            assertThat(written).hasSize(1);
            assertThat(third.getBean(Releases.class).file(written.getFirst().release(), "manifest.json"))
                    .isNotNull();
        }
        // releases live in the database, not on this machine's disk
        assertThat(base.resolve("releases")).doesNotExist();
        try (Stream<Path> inside = Files.list(data)) {
            assertThat(inside.map(p -> p.getFileName().toString())).doesNotContain("releases");
        }
    }

    @Test
    void onAFolderWithoutADatabaseItCreatesNone() throws Exception {
        Path empty = Files.createTempDirectory("vw-release-none-").resolve("postgres");
        assertThatThrownBy(() -> VendorwatchApplication.release("--vendorwatch.database.data-dir=" + empty)
                        .close())
                .hasStackTraceContaining("no Vendorwatch database in " + empty);
        assertThat(empty).doesNotExist();
    }
}
