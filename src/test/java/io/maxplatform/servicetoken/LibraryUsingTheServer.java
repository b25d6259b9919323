package io.maxplatform.servicetoken;

import io.maxplatform.oauth.config.ServerSettings;

/** Breaks the architecture on purpose (test sources only): {@code ArchitectureTest} shows its rules catch it. */
public class LibraryUsingTheServer {

    ServerSettings settings;
}
