package io.maxplatform.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import java.lang.reflect.Constructor;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every replicated table has a view that holds it, and no view names a table that is not announced: together with
 * ChangeAnnouncementChecks (the triggers in {@code pg_trigger} against {@link ReplicatedTable}), the triggers and
 * the handlers cannot drift apart.
 */
class ReplicatedViewsTest {

    @Test
    void everyReplicatedTableIsHeldByAView() throws Exception {
        Set<ReplicatedTable> held = EnumSet.noneOf(ReplicatedTable.class);
        for (JavaClass view : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ArchitectureTest.SERVER).that(JavaClass.Predicates.implement(ReplicatedView.class))) {
            Constructor<?> constructor = view.reflect().getDeclaredConstructor();
            constructor.setAccessible(true);
            held.addAll(((ReplicatedView) constructor.newInstance()).tables());
        }
        assertEquals(EnumSet.allOf(ReplicatedTable.class), held);
    }
}
