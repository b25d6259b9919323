package io.maxplatform.oauth.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The working directory's {@code .env} file, below environment variables and system properties. */
public class DotEnvConfigSource implements ConfigSource {

    static final int ORDINAL = 50;

    private final DotEnvFile file = DotEnvFile.inWorkingDirectory();

    @Override
    public Set<String> getPropertyNames() {
        return file.asMap().keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return file.asMap();
    }

    @Override
    public String getValue(String propertyName) {
        return file.lookup(propertyName).orElse(null);
    }

    @Override
    public String getName() {
        return ".env";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
