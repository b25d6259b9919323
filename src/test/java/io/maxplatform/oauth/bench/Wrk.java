package io.maxplatform.oauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator: wrk (Debian's package), 2 threads, a fixed number of connections, one Lua script per
 * scenario that sets the request and reports the latency distribution when the run ends.
 */
final class Wrk {

    /** The percentiles reported for each run (100 is the maximum). */
    static final double[] PERCENTILES = {0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100};

    /** One HTTP request, repeated: method, headers and body. */
    record Request(String method, Map<String, String> headers, String body) {
        static Request get(Map<String, String> headers) {
            return new Request("GET", headers, null);
        }

        static Request postForm(String body, Map<String, String> headers) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Type", "application/x-www-form-urlencoded");
            return new Request("POST", all, body);
        }
    }

    /** A measured run: completed requests, failed ones (status ≥ 400, socket errors, timeouts), and latency in ms by percentile. */
    record Run(double requestsPerSecond, long requests, long errors, Map<Double, Double> latencyMs) {
        double percentile(double p) {
            return latencyMs.get(p);
        }
    }

    private final int connections;
    private final Path work;

    Wrk(int connections, Path work) {
        this.connections = connections;
        this.work = work;
    }

    int connections() {
        return connections;
    }

    /** Installs wrk from Debian's packages when it is missing (as root, or through sudo). */
    static void ensureInstalled() throws IOException, InterruptedException {
        if (exitCode("sh", "-c", "command -v wrk") == 0) {
            return;
        }
        System.out.println("Installing wrk from Debian's packages");
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> install = new ArrayList<>(root ? List.of() : List.of("sudo"));
        install.addAll(List.of("apt-get", "install", "-y", "wrk"));
        if (exitCode(install.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("wrk is missing and could not be installed: apt-get install wrk");
        }
    }

    /** Warms up for {@code warmUp}, then measures for {@code duration}. */
    Run warmUpAndMeasure(String url, Request request, Duration warmUp, Duration duration) throws IOException, InterruptedException {
        run(url, request, warmUp);
        return run(url, request, duration);
    }

    Run run(String url, Request request, Duration duration) throws IOException, InterruptedException {
        return run(url, request, duration, List.of());
    }

    /**
     * The same, with wrk's threads taking turns over {@code ports} on this machine (thread 1 the first, thread 2
     * the second, …): one load generator in front of several instances, as a round-robin balancer would spread
     * connections. Empty: every thread to {@code url}.
     */
    Run run(String url, Request request, Duration duration, List<Integer> ports) throws IOException, InterruptedException {
        Path script = Files.writeString(Files.createTempFile(work, "scenario", ".lua"), lua(request, ports));
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return parse(output);
    }

    private static Run parse(String output) {
        double rate = -1;
        long requests = -1;
        long errors = -1;
        Map<Double, Double> latency = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (line.startsWith("Requests/sec:")) {
                rate = Double.parseDouble(words[1]);
            } else if (line.startsWith("SUMMARY ")) {
                requests = Long.parseLong(words[1]);
                errors = Long.parseLong(words[2]);
            } else if (line.startsWith("PERCENTILE ")) {
                latency.put(Double.parseDouble(words[1]), Long.parseLong(words[2]) / 1000.0);
            }
        }
        if (rate < 0 || requests < 0 || latency.size() != PERCENTILES.length) {
            throw new IllegalStateException("Unexpected wrk output:\n" + output);
        }
        return new Run(rate, requests, errors, latency);
    }

    private static String lua(Request request, List<Integer> ports) {
        StringBuilder lua = new StringBuilder("wrk.method = \"").append(request.method()).append("\"\n");
        if (!ports.isEmpty()) {
            lua.append("local ports = {").append(String.join(", ", ports.stream().map(p -> "\"" + p + "\"").toList())).append("}\n")
                    .append("local started = 0\n")
                    .append("setup = function(thread)\n")
                    .append("  thread.addr = wrk.lookup(\"127.0.0.1\", ports[started % #ports + 1])[1]\n")
                    .append("  started = started + 1\n")
                    .append("end\n");
        }
        if (request.body() != null) {
            lua.append("wrk.body = \"").append(request.body()).append("\"\n");
        }
        request.headers().forEach((name, value) -> lua.append("wrk.headers[\"").append(name).append("\"] = \"")
                .append(value).append("\"\n"));
        // errors.status counts answers with a status above 399; no per-response Lua, which would cost wrk CPU.
        lua.append("done = function(summary, latency, requests)\n")
                .append("  local e = summary.errors\n")
                .append("  io.write(string.format(\"SUMMARY %d %d\\n\", summary.requests, e.connect + e.read + e.write + e.status + e.timeout))\n");
        for (double p : PERCENTILES) {
            String value = p == 100 ? "latency.max" : p == 0 ? "latency.min" : "latency:percentile(" + p + ")";
            lua.append("  io.write(string.format(\"PERCENTILE ").append(p).append(" %d\\n\", ").append(value).append("))\n");
        }
        return lua.append("end\n").toString();
    }

    private static int exitCode(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
