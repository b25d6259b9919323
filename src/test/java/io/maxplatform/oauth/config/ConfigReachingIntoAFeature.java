package io.maxplatform.oauth.config;

import io.maxplatform.oauth.token.Grants;

/** Breaks the architecture on purpose (test sources only): {@code ArchitectureTest} shows its rules catch it. */
public class ConfigReachingIntoAFeature {

    Grants grants;
}
