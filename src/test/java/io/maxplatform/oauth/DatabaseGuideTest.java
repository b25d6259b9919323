package io.maxplatform.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.ReplicatedTable;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The DBA guide's advisory lock keys and channel are the ones the code uses. */
class DatabaseGuideTest {

    private static final Path GUIDE = Path.of("src/site/markdown/database.md");
    /** Table row: | `0x…` | decimal | kind | when | `package/Class` … |. */
    private static final Pattern ROW = Pattern.compile("^\\| `0x([0-9a-f]+)` \\| (\\d+) \\|[^|]*\\|[^|]*\\| `([a-z]+/[A-Za-z]+)`",
            Pattern.MULTILINE);

    private static long constant(String className, String field) throws Exception {
        Field f = Class.forName(ArchitectureTest.SERVER + "." + className.replace('/', '.')).getDeclaredField(field);
        f.setAccessible(true);
        return f.getLong(null);
    }

    @Test
    void everyAdvisoryLockKeyIsDocumentedAsTheCodeHasIt() throws Exception {
        Map<String, Long> inCode = new TreeMap<>(Map.of(
                "startup/SchemaMigration", constant("startup/SchemaMigration", "MIGRATION_LOCK_KEY"),
                "startup/StartupLock", constant("startup/StartupLock", "KEY"),
                "key/SigningKeyRepository", constant("key/SigningKeyRepository", "ROTATION_LOCK_KEY"),
                "cleanup/CleanupRepository", constant("cleanup/CleanupRepository", "LOCK_KEY"),
                "audit/AuditPartitionRepository", constant("audit/AuditPartitionRepository", "LOCK_KEY")));
        Map<String, Long> documented = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(GUIDE));
        while (row.find()) {
            long hex = Long.parseLong(row.group(1), 16);
            assertEquals(hex, Long.parseLong(row.group(2)), "hex and decimal of " + row.group(3));
            documented.put(row.group(3), hex);
        }
        assertEquals(inCode, documented);
        // The partition functions of release 1.7 take the same lock in SQL.
        assertTrue(Files.readString(Path.of("liquibase/releases/1.7.sql"))
                .contains("pg_advisory_xact_lock(x'" + Long.toHexString(inCode.get("audit/AuditPartitionRepository")) + "'::bigint)"));
    }

    @Test
    void theChannelIsDocumentedAsTheCodeHasIt() throws Exception {
        assertTrue(Files.readString(GUIDE).contains("**`" + ReplicatedTable.CHANNEL + "`**"));
    }
}
