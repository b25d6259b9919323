package io.maxplatform.oauth.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.maxplatform.servicetoken.ServiceTokenProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' table of variables ({@code src/site/markdown/configuration.md}) and {@code .env.example},
 * checked against what the code reads: the server's {@link Setting}s (and that nothing reads around them),
 * the quick start's variables, and the client library's.
 */
class ConfigurationGuideTest {

    private static final Path GUIDE = Path.of("src/site/markdown/configuration.md");
    private static final String HEADER = "| variable | read by | type | allowed values | default | meaning |";

    private record Row(String name, String readBy, String type, String allowed, String defaultCell) {

        boolean readBy(String reader) {
            return List.of(readBy.split(", ")).contains(reader);
        }

        /** The default as a value, when the cell gives one in backticks. */
        String literalDefault() {
            return defaultCell.matches("`[^`]*`") ? defaultCell.substring(1, defaultCell.length() - 1) : null;
        }
    }

    private static Map<String, Row> table;

    @BeforeAll
    static void readTheGuide() throws IOException {
        List<String> lines = Files.readAllLines(GUIDE);
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, GUIDE + " has no table headed " + HEADER);
        table = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            assertEquals(6, cells.length, line);
            String name = cells[0].strip().replace("`", "");
            assertFalse(table.containsKey(name), name + " is listed twice");
            table.put(name, new Row(name, cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip()));
        }
    }

    private static Set<String> rowsReadBy(String reader) {
        return table.values().stream().filter(row -> row.readBy(reader)).map(Row::name).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theServerRowsAreTheSettingsWithTheirTypeRuleAndDefault() {
        assertSameNames(Stream.of(Setting.values()).map(Setting::name).collect(Collectors.toSet()), rowsReadBy("server"),
                "server (config/Setting)");
        for (Setting setting : Setting.values()) {
            Row row = table.get(setting.name());
            assertEquals(setting.rule().type(), row.type(), setting + ": type");
            assertEquals(setting.rule().allowed(), row.allowed(), setting + ": allowed values");
            assertEquals(setting.defaultValue().map(value -> "`" + value + "`").orElse(row.defaultCell()), row.defaultCell(),
                    setting + ": default");
        }
    }

    /** "required" in the table exactly where the server refuses to start without the variable. */
    @Test
    void requiredMeansTheServerDoesNotStartWithoutIt() {
        Map<String, String> complete = new HashMap<>(Map.of("SECRET_KEY", "0123456789abcdef0123456789abcdef",
                "SERVICE_CLIENT_SECRET", "Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo"));
        ServerSettings.of(complete).validate();
        for (Setting setting : Setting.values()) {
            Row row = table.get(setting.name());
            if (setting.defaultValue().isPresent()) {
                continue;
            }
            Map<String, String> without = new HashMap<>(complete);
            without.remove(setting.name());
            boolean refused;
            try {
                ServerSettings.of(without).validate();
                refused = false;
            } catch (IllegalStateException e) {
                refused = e.getMessage().contains(setting.name() + " is not set");
            }
            assertEquals(refused, row.defaultCell().equals("required"), setting + ": " + row.defaultCell());
            assertTrue(refused || row.defaultCell().equals("none") || row.defaultCell().startsWith("derived: "),
                    setting + ": a setting without a default is required, none, or derived: " + row.defaultCell());
        }
    }

    /** The quick start's {@code setting("NAME")} reads, and the defaults it gives them. */
    @Test
    void theQuickStartRowsAreWhatTheLauncherReads() throws IOException {
        String launcher = Files.readString(Path.of("src/test/java/io/maxplatform/oauth/devserver/QuickStart.java"));
        Matcher read = Pattern.compile("setting\\(\"([A-Z_]+)\"\\)(?:\\.orElse\\(\"([^\"]*)\"\\))?").matcher(launcher);
        Set<String> names = new TreeSet<>();
        while (read.find()) {
            names.add(read.group(1));
            if (read.group(2) != null) {
                assertEquals(read.group(2), table.get(read.group(1)).literalDefault(), read.group(1) + ": the quick start's default");
            }
        }
        assertTrue(names.contains("DATA_DIR"), "the launcher's reads were not found: " + names);
        assertSameNames(names, rowsReadBy("quick start"), "quick start");
    }

    /** Every {@code "SERVICE_…"} name in the client library's sources; the builder's reads are among them. */
    @Test
    void theClientRowsAreWhatTheClientLibraryReads() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/io/maxplatform/servicetoken"))) {
            for (Path source : sources.toList()) {
                Matcher literal = Pattern.compile("\"(SERVICE_[A-Z_]+)\"").matcher(Files.readString(source));
                while (literal.find()) {
                    names.add(literal.group(1));
                }
            }
        }
        Set<String> asked = new TreeSet<>();
        ServiceTokenProvider.builder().environment(new HashMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return null;
            }
        });
        assertTrue(names.containsAll(asked), "read by the builder: " + asked);
        assertSameNames(names, rowsReadBy("client"), "client");

        assertEquals(ServiceTokenProvider.DEFAULT_BASE_URL, table.get("SERVICE_AUTH_URL").literalDefault());
        assertEquals(ServiceTokenProvider.DEFAULT_SCOPES, table.get("SERVICE_TOKEN_SCOPES").literalDefault());
        assertEquals(ServiceTokenProvider.DEFAULT_CLIENT_ID, table.get("SERVICE_CLIENT_ID").literalDefault());
        assertEquals(String.valueOf(ServiceTokenProvider.DEFAULT_RENEW_BEFORE.toMinutes()),
                table.get("SERVICE_TOKEN_RENEW_BEFORE_MINUTES").literalDefault());
    }

    @Test
    void everyRowIsReadBySomething() {
        table.values().forEach(row -> assertTrue(row.readBy("server") || row.readBy("quick start") || row.readBy("client"),
                row.name() + ": read by " + row.readBy()));
    }

    /** {@code .env.example} lists every server and quick-start variable, nothing else, with the table's defaults. */
    @Test
    void theExampleEnvFileListsTheSameVariables() throws IOException {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                example.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Set<String> needed = rowsReadBy("server");
        needed.addAll(rowsReadBy("quick start"));
        assertEquals(Set.of(), difference(needed, example.keySet()), "missing from .env.example");
        assertEquals(Set.of(), difference(example.keySet(), table.keySet()), "in .env.example but not in " + GUIDE);
        example.forEach((name, value) -> {
            if (!value.isEmpty()) {
                assertEquals(table.get(name).literalDefault(), value, name + " in .env.example: the default");
            }
        });
    }

    private static void assertSameNames(Set<String> read, Set<String> listed, String reader) {
        assertEquals(Set.of(), difference(read, listed), "read by the " + reader + " but not listed in " + GUIDE);
        assertEquals(Set.of(), difference(listed, read), "listed in " + GUIDE + " as read by the " + reader + ", but not read");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> left = new TreeSet<>(a);
        left.removeAll(b);
        return left;
    }

    /** Only these read configuration: everything else gets its values from {@link ServerSettings}, so from the table. */
    static final ArchRule SETTINGS_ARE_READ_THROUGH_THE_TABLE = noClasses()
            .that().resideInAPackage("io.maxplatform.oauth..")
            .and().doNotHaveFullyQualifiedName(ServerSettings.class.getName())
            .and().doNotHaveFullyQualifiedName(SettingLookup.class.getName())
            .and().doNotHaveFullyQualifiedName(DotEnvFile.class.getName())
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class)
            .orShould().dependOnClassesThat().belongToAnyOf(Config.class, ConfigProvider.class, ConfigProperty.class)
            .because("a setting read elsewhere would escape the start-up check and the configuration guide");

    @Test
    void nothingReadsASettingAroundTheTable() {
        SETTINGS_ARE_READ_THROUGH_THE_TABLE.check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.maxplatform.oauth"));
        assertTrue(SETTINGS_ARE_READ_THROUGH_THE_TABLE.evaluate(new ClassFileImporter().importClasses(SettingReadAroundTheTable.class))
                .hasViolation(), "the rule misses a System.getenv read");
    }
}
