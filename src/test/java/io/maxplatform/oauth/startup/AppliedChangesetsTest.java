package io.maxplatform.oauth.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * An applied changeset never changes: every installation stored its checksum, and Liquibase refuses to update (so the
 * server refuses to start) once the changelog's no longer matches. The checksums stored are kept in
 * {@code applied-checksums.txt}; changesets not listed there (not released yet) may still change.
 */
class AppliedChangesetsTest {

    /** Every changeset of the changelog, as the application reads it, by {@code file::id}. */
    static Map<String, ChangeSet> changeSets() throws Exception {
        ResourceAccessor classpath = new ClassLoaderResourceAccessor(AppliedChangesetsTest.class.getClassLoader());
        Map<String, ChangeSet> byKey = new LinkedHashMap<>();
        Scope.child(Scope.Attr.resourceAccessor.name(), classpath, () -> {
            DatabaseChangeLog changelog = ChangeLogParserFactory.getInstance().getParser(SchemaMigration.CHANGELOG, classpath)
                    .parse(SchemaMigration.CHANGELOG, new ChangeLogParameters(), classpath);
            for (ChangeSet changeSet : changelog.getChangeSets()) {
                byKey.put(changeSet.getFilePath() + "::" + changeSet.getId(), changeSet);
            }
        });
        return byKey;
    }

    /** {@code file::id} to the checksum installations stored, in the file's order. */
    static Map<String, String> appliedChecksums() throws IOException {
        Map<String, String> applied = new LinkedHashMap<>();
        try (InputStream in = AppliedChangesetsTest.class.getResourceAsStream("/applied-checksums.txt")) {
            assertNotNull(in, "applied-checksums.txt on the test classpath");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int checksumAt = line.lastIndexOf("::");
                String previous = applied.put(line.substring(0, checksumAt), line.substring(checksumAt + 2).strip());
                assertEquals(null, previous, "listed twice: " + line);
            }
        }
        return applied;
    }

    @Test
    void noAppliedChangesetChangesItsChecksum() throws Exception {
        Map<String, ChangeSet> changeSets = changeSets();
        Map<String, String> applied = appliedChecksums();
        assertTrue(applied.size() >= 52, "the changesets of releases 1.0 to 1.8 are listed");

        List<String> changed = new ArrayList<>();
        applied.forEach((key, stored) -> {
            ChangeSet changeSet = changeSets.get(key);
            if (changeSet == null) {
                changed.add(key + ": no longer in the changelog (Liquibase would not find it applied)");
                return;
            }
            // Another author makes it another changeset to Liquibase, which would apply it again.
            if (!"maxplatform".equals(changeSet.getAuthor())) {
                changed.add(key + ": author is now " + changeSet.getAuthor());
            }
            // In the checksum version installations stored, so an upgrade of Liquibase alone does not fail here.
            ChecksumVersion version = ChecksumVersion.enumFromChecksumVersion(Integer.parseInt(stored.substring(0, stored.indexOf(':'))));
            String now = changeSet.generateCheckSum(version).toString();
            if (!now.equals(stored)) {
                changed.add(key + ": stored " + stored + ", now " + now);
            }
        });
        assertEquals(List.of(), changed, "Applied changesets were edited; put the change in a new changeset instead");
    }
}
