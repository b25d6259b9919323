package io.maxplatform.oauth.scope;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A scope of the registry ({@code oauth_scopes}), seeded by Liquibase with the guide's two tables. */
@Entity
@Table(name = "oauth_scopes")
public class Scope {

    @Id
    @Column(name = "scope")
    private String name;

    @Column(name = "description", nullable = false)
    private String description;

    @Column(name = "category", nullable = false)
    private String category;

    protected Scope() {
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String category() {
        return category;
    }
}
