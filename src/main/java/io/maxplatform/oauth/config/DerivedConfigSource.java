package io.maxplatform.oauth.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * MicroProfile Config properties derived from the product's own variables, fixed when the source is made. Its
 * ordinal is the lowest of the product's sources: anything set explicitly wins.
 */
abstract class DerivedConfigSource implements ConfigSource {

    private final String name;
    private final Map<String, String> properties;

    DerivedConfigSource(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return DotEnvConfigSource.ORDINAL - 10;
    }
}
