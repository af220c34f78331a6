package org.vendorwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script of {@code src/test/js/<dir>} (third-party client tools: graphql-http's audit,
 * Apollo Client), installing its pinned packages first with {@code npm ci} when they are missing or
 * older than its lock file. Node.js and npm are checked (or installed) before the tests run, see
 * ops/require-tools.sh; {@code -DskipClients} leaves these tests out.
 */
public final class Node {

    private Node() {}

    /** Runs {@code node <script> <args...>} in the folder and returns its standard output's lines (it must exit 0). */
    public static List<String> run(String dir, String script, String... args) throws IOException, InterruptedException {
        Path folder = Path.of("src", "test", "js", dir).toAbsolutePath();
        Path installed = folder.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(installed)
                || Files.getLastModifiedTime(installed)
                                .compareTo(Files.getLastModifiedTime(folder.resolve("package-lock.json")))
                        < 0) {
            exec(folder, 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return exec(folder, 120, command.toArray(String[]::new));
    }

    private static List<String> exec(Path folder, int seconds, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("vendorwatch-node-", ".err");
        Path output = Files.createTempFile("vendorwatch-node-", ".out");
        Process p = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectError(log.toFile())
                .redirectOutput(output.toFile())
                .start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String err = Files.readString(log);
        byte[] out = Files.readAllBytes(output);
        Files.deleteIfExists(log);
        Files.deleteIfExists(output);
        assertThat(done && p.exitValue() == 0)
                .as(String.join(" ", command) + " in " + folder + " failed:\n" + err)
                .isTrue();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
