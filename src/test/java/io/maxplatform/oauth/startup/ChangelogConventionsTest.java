package io.maxplatform.oauth.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.testdb.SchemaDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conventions every changeset under {@code liquibase/releases/} follows, so that a DBA reads one style: an id
 * that starts with its release, a comment and a rollback; identity columns, not {@code serial}; every constraint
 * named with its kind's prefix ({@code pk_}, {@code uq_}, {@code ck_}, {@code fk_}, {@code ex_}) and every index
 * with {@code ix_} or {@code uq_}; no {@code md5(random())}. An applied changeset cannot be edited, so the few that
 * broke a rule are listed here with the later changeset that corrects the schema; the list must be exactly the
 * breaches found, and the applied schema itself is checked too.
 */
class ChangelogConventionsTest {

    private static final Path RELEASES = Path.of("liquibase/releases");

    /** Applied before the rule was written down: changeset → what it breaks, and what corrects it. */
    private static final Map<String, String> APPLIED_EXCEPTIONS = Map.of(
            "1.3-004-seed-oauth-client-secrets", "md5(random()): random ids for existing secrets, not secrets themselves",
            "1.6-001-failed-authentications", "serial column, unnamed constraint, index prefix: corrected by 1.9-004");

    private static final Pattern CHANGESET = Pattern.compile("^--changeset maxplatform:(\\S+)(.*)$");
    private static final Pattern SERIAL = Pattern.compile("\\b(small|big)?serial\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern INDEX_NAME = Pattern.compile(
            "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);
    /** A constraint named where it is made (not the old name of one renamed or dropped). */
    private static final Pattern CONSTRAINT_NAME = Pattern.compile("(?<!DROP\\s)\\bCONSTRAINT\\s+(\\w+)(?!\\w)(?!\\s+TO\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONSTRAINT_KEYWORD = Pattern.compile(
            "\\b(PRIMARY\\s+KEY|UNIQUE(?!\\s+(?:INDEX|USING))|CHECK|FOREIGN\\s+KEY|EXCLUDE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCES = Pattern.compile("\\bREFERENCES\\b", Pattern.CASE_INSENSITIVE);

    record Changeset(String release, String id, String attributes, List<String> lines) {

        /** The SQL it applies: neither its comments nor its rollback. */
        String sql() {
            return String.join("\n", lines.stream().filter(line -> !line.startsWith("--")).toList());
        }

        boolean has(String prefix) {
            return lines.stream().anyMatch(line -> line.startsWith(prefix));
        }
    }

    static List<Changeset> changesets() throws IOException {
        List<Changeset> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(RELEASES)) {
            for (Path file : files.sorted().toList()) {
                String release = file.getFileName().toString().replaceFirst("\\.sql$", "");
                Changeset current = null;
                for (String line : Files.readAllLines(file)) {
                    Matcher start = CHANGESET.matcher(line);
                    if (start.matches()) {
                        current = new Changeset(release, start.group(1), start.group(2), new ArrayList<>());
                        all.add(current);
                    } else if (line.startsWith("--changeset")) {
                        throw new AssertionError(file + ": a changeset by another author than maxplatform: " + line);
                    } else if (current != null) {
                        current.lines().add(line);
                    }
                }
            }
        }
        return all;
    }

    static List<String> breaches(Changeset changeset) {
        List<String> breaches = new ArrayList<>();
        String sql = changeset.sql();
        if (SERIAL.matcher(sql).find()) {
            breaches.add("a serial column instead of an identity column");
        }
        for (Matcher index = INDEX_NAME.matcher(sql); index.find(); ) {
            if (!index.group(1).matches("(ix|uq)_\\w+")) {
                breaches.add("index " + index.group(1) + " without ix_ or uq_");
            }
        }
        for (Matcher constraint = CONSTRAINT_NAME.matcher(sql); constraint.find(); ) {
            if (!constraint.group(1).matches("(pk|uq|ck|fk|ex)_\\w+")) {
                breaches.add("constraint " + constraint.group(1) + " without pk_, uq_, ck_, fk_ or ex_");
            }
        }
        for (Matcher keyword = CONSTRAINT_KEYWORD.matcher(sql); keyword.find(); ) {
            // The clause the keyword belongs to: back to the last comma, parenthesis or statement end.
            int clauseStart = Math.max(Math.max(sql.lastIndexOf(',', keyword.start()), sql.lastIndexOf('(', keyword.start())),
                    sql.lastIndexOf(';', keyword.start())) + 1;
            if (!CONSTRAINT_NAME.matcher(sql.substring(clauseStart, keyword.start())).find()) {
                breaches.add("an unnamed " + keyword.group(1).toUpperCase().replaceAll("\\s+", " ") + " constraint");
            }
        }
        for (Matcher references = REFERENCES.matcher(sql); references.find(); ) {
            // A column's own REFERENCES, or a FOREIGN KEY (…) REFERENCES clause: back to the last comma or statement end.
            int clauseStart = Math.max(sql.lastIndexOf(',', references.start()), sql.lastIndexOf(';', references.start())) + 1;
            if (!CONSTRAINT_NAME.matcher(sql.substring(clauseStart, references.start())).find()) {
                breaches.add("an unnamed REFERENCES constraint");
            }
        }
        if (sql.toLowerCase().contains("md5(random()")) {
            breaches.add("md5(random()) (gen_random_uuid() or a random bytea where a value must not be guessed)");
        }
        return breaches;
    }

    @Test
    void everyChangesetIsNamedForItsReleaseAndHasACommentAndARollback() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Changeset changeset : changesets()) {
            if (!changeset.id().matches(Pattern.quote(changeset.release()) + "-\\d{3}-[a-z0-9-]+")) {
                missing.add(changeset.id() + ": the id is not <release>-<NNN>-<what it does>");
            }
            if (!changeset.has("--comment: ")) {
                missing.add(changeset.id() + ": no --comment:");
            }
            if (!changeset.has("--rollback ")) {
                missing.add(changeset.id() + ": no --rollback");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theOnlyBreachesAreTheAppliedOnesListedWithWhatCorrectsThem() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (Changeset changeset : changesets()) {
            List<String> breaches = breaches(changeset);
            if (!breaches.isEmpty()) {
                found.put(changeset.id(), breaches);
            }
        }
        assertEquals(new TreeMap<>(APPLIED_EXCEPTIONS).keySet(), found.keySet(), "breaches: " + found);
    }

    /** The rules can fail: each is shown a changeset that breaks it. */
    @Test
    void eachRuleRecognisesABreach() {
        Changeset bad = new Changeset("9.9", "9.9-001-bad", "", List.of(
                "CREATE TABLE t (id bigserial PRIMARY KEY, n int CHECK (n > 0), c varchar(9) REFERENCES oauth_clients (client_id),",
                "    CONSTRAINT t_unique UNIQUE (n));",
                "CREATE INDEX idx_t_n ON t (n);",
                "ALTER TABLE t ADD FOREIGN KEY (c) REFERENCES oauth_clients (client_id);",
                "INSERT INTO t (c) SELECT md5(random()::text);"));
        assertEquals(List.of("a serial column instead of an identity column", "index idx_t_n without ix_ or uq_",
                "constraint t_unique without pk_, uq_, ck_, fk_ or ex_", "an unnamed PRIMARY KEY constraint",
                "an unnamed CHECK constraint", "an unnamed FOREIGN KEY constraint", "an unnamed REFERENCES constraint",
                "an unnamed REFERENCES constraint", "md5(random()) (gen_random_uuid() or a random bytea where a value must not be guessed)"), breaches(bad));
        Changeset good = new Changeset("9.9", "9.9-002-good", "", List.of(
                "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY, c varchar(9) NOT NULL,",
                "    CONSTRAINT pk_t PRIMARY KEY (id), CONSTRAINT ck_t_c CHECK (c <> ''),",
                "    CONSTRAINT fk_t_client FOREIGN KEY (c) REFERENCES oauth_clients (client_id));",
                "CREATE UNIQUE INDEX uq_t_c ON t (c);",
                "ALTER TABLE t ADD CONSTRAINT uq_t_id UNIQUE USING INDEX uq_t_c;"));
        assertEquals(List.of(), breaches(good));
    }

    /**
     * The applied schema, whatever the history: constraints and indexes named by the rule (those PostgreSQL names
     * itself on a day's partition aside), and no column filled from a sequence but the audit trail's id, which a
     * partitioned table cannot make an identity column before PostgreSQL 17 (release 1.7).
     */
    @Test
    void theAppliedSchemaFollowsTheConventions() throws SQLException {
        try (Connection c = SchemaDatabase.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of(), strings(s, "SELECT conrelid::regclass || '.' || conname FROM pg_constraint"
                    + " JOIN pg_class r ON r.oid = conrelid"
                    + " WHERE connamespace = 'public'::regnamespace AND NOT r.relispartition"
                    + " AND r.relname NOT LIKE 'databasechangelog%'"
                    + " AND conname !~ '^(pk|uq|ck|fk|ex)_'"));
            assertEquals(List.of(), strings(s, "SELECT i.indexrelid::regclass::text FROM pg_index i"
                    + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid"
                    + " WHERE t.relnamespace = 'public'::regnamespace AND NOT t.relispartition"
                    + " AND t.relname NOT LIKE 'databasechangelog%' AND x.relname !~ '^(pk|uq|ix)_'"));
            assertEquals(List.of("oauth_audit_logs.id"), strings(s, "SELECT table_name || '.' || column_name"
                    + " FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'"
                    + " AND table_name IN (SELECT relname FROM pg_class WHERE NOT relispartition)"));
            assertTrue(strings(s, "SELECT conname FROM pg_constraint WHERE contype = 'f'").containsAll(List.of(
                    "fk_oauth_client_secrets_client", "fk_oauth_token_cutoffs_client", "fk_oauth_revoked_tokens_client",
                    "fk_oauth_client_assertions_client")));
        }
    }

    private static List<String> strings(Statement s, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
