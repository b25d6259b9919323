package io.maxplatform.oauth.config;

/** Reads a setting around {@link ServerSettings} on purpose (test sources only): {@code ConfigurationGuideTest} catches it. */
public class SettingReadAroundTheTable {

    String undocumented() {
        return System.getenv("UNDOCUMENTED_LIMIT");
    }
}
