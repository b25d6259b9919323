package io.maxplatform.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of the README and the guides ({@code src/site/markdown/*.md}) leads somewhere: the file
 * exists (relative to the linking file) and the anchor, if any, is a heading of the target, as GitHub spells it.
 */
class DocumentationLinksTest {

    private static final Path README = Path.of("README.md");
    private static final Path GUIDES = Path.of("src/site/markdown");

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at white space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    @Test
    void everyRelativeLinkOfTheReadmeAndTheGuidesLeadsToAFileAndAHeading() throws IOException {
        List<Path> documents = documents();
        assertTrue(documents.size() > 1, "no guides found under " + GUIDES);
        List<String> broken = brokenLinks(documents);
        assertEquals(List.of(), broken, "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void aMissingFileAndAMissingAnchorAreReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("target.md"), """
                # The target
                ## Applying the schema: `SCHEMA_MIGRATION`
                ## Upgrading to release 1.7
                ## Notes
                ## Notes
                ```bash
                # not a heading
                ```
                """);
        Path source = dir.resolve("source.md");
        Files.writeString(source, """
                # Source
                [fine](target.md) [fine](target.md#applying-the-schema-schema_migration)
                [fine](target.md#upgrading-to-release-17) [fine](target.md#notes-1) [fine](#source)
                [external](https://example.com/x.md#nowhere) [mail](mailto:someone@example.com)
                [no file](missing.md) [no anchor](target.md#upgrading-to-release-1.7)
                [no local anchor](#nowhere) [code is no heading](target.md#not-a-heading)
                [no second duplicate](target.md#notes-2)
                ```
                [inside a code block](ignored.md)
                ```
                """);
        assertEquals(List.of(
                        "source.md:5: [no file](missing.md): missing.md does not exist",
                        "source.md:5: [no anchor](target.md#upgrading-to-release-1.7): no heading #upgrading-to-release-1.7 in target.md",
                        "source.md:6: [no local anchor](#nowhere): no heading #nowhere in source.md",
                        "source.md:6: [code is no heading](target.md#not-a-heading): no heading #not-a-heading in target.md",
                        "source.md:7: [no second duplicate](target.md#notes-2): no heading #notes-2 in target.md"),
                brokenLinks(List.of(source)).stream().map(line -> line.replace(dir + "/", "")).toList());
    }

    @Test
    void anchorsAreSpelledAsGitHubSpellsThem() {
        assertEquals("applying-the-schema-schema_migration", anchor("Applying the schema: `SCHEMA_MIGRATION`"));
        assertEquals("its-own-schema-database_schema", anchor("Its own schema: `DATABASE_SCHEMA`"));
        assertEquals("database-for-dbas", anchor("Database (for DBAs)"));
        assertEquals("wildfly-39-tested-3901final-configuration-standalone-microprofilexml",
                anchor("WildFly 39 (tested: 39.0.1.Final, configuration `standalone-microprofile.xml`)"));
        assertEquals("a--b", anchor("A — b"));
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(README);
        try (Stream<Path> guides = Files.list(GUIDES)) {
            guides.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** Each broken link as {@code file:line: [text](target): why}. */
    static List<String> brokenLinks(List<Path> documents) throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            List<String> lines = outsideCodeBlocks(Files.readAllLines(document));
            for (int n = 0; n < lines.size(); n++) {
                Matcher link = LINK.matcher(lines.get(n));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("(?i)(https?|mailto|ftp):.*") || target.startsWith("//")) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path linked = file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file).normalize();
                    String where = document + ":" + (n + 1) + ": " + link.group() + ": ";
                    if (!Files.exists(linked)) {
                        broken.add(where + file + " does not exist");
                    } else if (hash >= 0 && !anchors.computeIfAbsent(linked, DocumentationLinksTest::headings)
                            .contains(target.substring(hash + 1))) {
                        broken.add(where + "no heading " + target.substring(hash) + " in "
                                + (file.isEmpty() ? document.getFileName() : file));
                    }
                }
            }
        }
        return broken;
    }

    /** The lines, with those of fenced code blocks blanked (so line numbers stay). */
    private static List<String> outsideCodeBlocks(List<String> lines) {
        List<String> kept = new ArrayList<>();
        String fence = null;
        for (String line : lines) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
                kept.add("");
            } else if (fence != null) {
                if (line.strip().startsWith(fence)) {
                    fence = null;
                }
                kept.add("");
            } else {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The anchors GitHub gives a Markdown file's headings, duplicates numbered -1, -2, …. */
    private static Set<String> headings(Path file) {
        if (!file.toString().endsWith(".md")) {
            return Set.of();
        }
        List<String> lines;
        try {
            lines = outsideCodeBlocks(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchor(heading.group(1));
                int times = seen.merge(anchor, 1, Integer::sum);
                anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /** GitHub's rule: lower case, everything but letters, digits, spaces, hyphens and underscores removed, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}_ -]", "")
                .replace(' ', '-');
    }
}
