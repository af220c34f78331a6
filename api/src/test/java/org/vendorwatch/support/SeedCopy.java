package org.vendorwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A copy of the repository's seed/ folder that a test may edit, as a new release of the seed would. */
public final class SeedCopy {

    private SeedCopy() {}

    /** Copies seed/ into {@code target} (created if needed) and returns it. */
    public static Path into(Path target) {
        Path source = Path.of("..", "seed").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a copy. */
    public static void delete(Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(copy)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
