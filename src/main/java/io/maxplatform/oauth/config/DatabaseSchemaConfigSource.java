package io.maxplatform.oauth.config;

import java.util.Map;

/**
 * {@code database.schema} for the connection pool's {@code currentSchema} ({@code WEB-INF/glassfish-resources.xml}),
 * which Payara resolves through MicroProfile Config and which must have a value when {@code DATABASE_SCHEMA} is
 * unset: its default, {@code public}.
 */
public class DatabaseSchemaConfigSource extends DerivedConfigSource {

    public DatabaseSchemaConfigSource() {
        this(SettingLookup.ofProcess(DotEnvFile.inWorkingDirectory()::lookup));
    }

    DatabaseSchemaConfigSource(SettingLookup lookup) {
        super("the database schema's default",
                Map.of(Setting.DATABASE_SCHEMA.property(), lookup.valueOrDefault(Setting.DATABASE_SCHEMA)));
    }
}
