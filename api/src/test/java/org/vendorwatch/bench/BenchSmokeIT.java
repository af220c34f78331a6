package org.vendorwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark must not rot: {@code bench/run.sh --smoke} runs end to end on a tiny synthetic
 * database (scale 0.01, 1 s cells) with the jar this build just packaged. That covers starting
 * Vendorwatch and PostGraphile, loading the synthetic data, checking the three serve the same data,
 * the wrk and pgbench cells and the report. Numbers from it mean nothing; the table must be complete.
 */
class BenchSmokeIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final Path WORK = Path.of("target", "bench-smoke").toAbsolutePath();

    /** Runs {@code bench/run.sh --smoke} with these settings; returns its output, having checked it ended well. */
    private static String smoke(String logName, String... env) throws Exception {
        Path log = Path.of("target", logName).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", ROOT.resolve("bench/run.sh").toString(), "--smoke")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BENCH_WORK", WORK.toString());
        pb.environment().put("BENCH_NO_BUILD", "1"); // the jar of this build; never a nested Maven run
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(p.isAlive()).as("bench/run.sh --smoke still running").isFalse();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    /**
     * Two instances behind the same load generator and a streaming replica: both instances answer the
     * same data, both are driven, and the replica serves reads.
     */
    @Test
    void twoInstancesAndAReplicaRunEndToEnd() throws Exception {
        String output = smoke(
                "bench-smoke-scaleout.log",
                "INSTANCES",
                "2",
                "REPLICA",
                "1",
                "OPS",
                "byslug page1",
                "CONCURRENCY",
                "8",
                "WRITES",
                "0");
        String table = Files.readString(WORK.resolve("results-scale0.01").resolve("table.md"));
        for (String op : new String[] {"byslug", "page1"}) {
            assertThat(output).contains("instance 2: " + op + ": same data from all three");
            String row = table.lines()
                    .filter(l -> l.startsWith("| " + op + " | 8 |"))
                    .findFirst()
                    .orElseThrow();
            String[] cells = row.split("\\|");
            // per-instance req/s after the usual columns, and the reads the replica served last
            assertThat(cells[17].strip()).as(row).matches("[1-9][0-9,]*");
            assertThat(cells[19].strip()).as(row).matches("[1-9][0-9,]*");
            assertThat(cells[cells.length - 1].strip()).as(row).matches("[1-9][0-9,]* / [0-9,]+");
        }
    }

    @Test
    void benchmarkRunsEndToEnd() throws Exception {
        String output = smoke("bench-smoke.log");
        String table = Files.readString(WORK.resolve("results-scale0.01").resolve("table.md"));
        for (String op : new String[] {"newsroom", "byslug", "search", "page1", "page1000"}) {
            assertThat(output).contains(op + ": same data from all three");
            for (int c : new int[] {1, 8}) {
                assertThat(table).as(table).containsPattern("\\| " + op + " \\| " + c + " \\| [0-9,]+ \\|");
            }
        }
        // every cell measured something: Vendorwatch, PostGraphile and the SQL floor all above 0 req/s
        table.lines().filter(l -> l.matches("\\| [a-z0-9]+ \\| \\d+ \\|.*")).forEach(row -> {
            String[] cells = row.split("\\|");
            for (int column : new int[] {3, 8, 12}) {
                assertThat(cells[column].strip())
                        .as("%s, column %d", row, column)
                        .matches("[1-9][0-9,]*");
            }
        });
    }
}
