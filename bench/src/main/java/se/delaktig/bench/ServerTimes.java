package se.delaktig.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server's own time for each background save, read from Tomcat's access log. The application is
 * started with an access log whose lines are {@code <start ms> <method> <path> <status> <µs>}, where
 * the last field is Tomcat's {@code %D}: the time from the request's arrival until the answer was
 * written, in microseconds. The load generator's own work (building requests, the HTTP client, the
 * scheduling of its threads on the shared cores) is left out; queueing for a pool connection inside
 * the application is not.
 */
final class ServerTimes {

    /** Tomcat's access log pattern the application is started with (see {@link AppProcess}). */
    static final String PATTERN = "%{begin:msec}t %m %U %s %D";

    private static final Pattern SAVE = Pattern.compile("^(\\d+) POST /interviews/\\d+/autosave 200 (\\d+)$");

    private final Path directory;

    ServerTimes(Path directory) {
        this.directory = directory;
    }

    /** The access log settings for {@code java -jar}: written unbuffered into {@code directory}. */
    static List<String> arguments(Path directory) {
        return List.of("--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + directory.toAbsolutePath(),
                "--server.tomcat.accesslog.prefix=access", "--server.tomcat.accesslog.suffix=.log",
                "--server.tomcat.accesslog.rotate=false",
                "--server.tomcat.accesslog.buffered=false", "--server.tomcat.accesslog.pattern=" + PATTERN);
    }

    /** The server times of the successful saves that started between the two wall-clock instants. */
    Stats saves(long fromMillis, long toMillis) throws IOException {
        var stats = new Stats();
        if (!Files.isDirectory(directory)) {
            return stats;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (var file : files.filter(f -> f.getFileName().toString().startsWith("access")).toList()) {
                try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    lines.map(SAVE::matcher).filter(java.util.regex.Matcher::matches).forEach(m -> {
                        var started = Long.parseLong(m.group(1));
                        if (started >= fromMillis && started <= toMillis) {
                            stats.add(Long.parseLong(m.group(2)) * 1_000);
                        }
                    });
                }
            }
        }
        return stats;
    }
}
