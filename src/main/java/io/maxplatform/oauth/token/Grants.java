package io.maxplatform.oauth.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The grant types this server supports: every {@link Grant} bean, by its {@code grant_type}. */
@ApplicationScoped
public class Grants {

    @Inject
    @Any
    Instance<Grant> grants;

    private Map<String, Grant> byType;

    @PostConstruct
    void index() {
        Map<String, Grant> found = new HashMap<>();
        for (Grant grant : grants) {
            if (found.put(grant.type(), grant) != null) {
                throw new IllegalStateException("Two grants answer grant_type " + grant.type());
            }
        }
        byType = Map.copyOf(found);
    }

    public Optional<Grant> forType(String grantType) {
        return Optional.ofNullable(byType.get(grantType));
    }
}
