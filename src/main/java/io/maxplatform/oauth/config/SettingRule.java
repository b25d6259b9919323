package io.maxplatform.oauth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a setting's value must look like: its type and allowed values as the configuration guide's table
 * shows them, and the check that refuses anything else at start. Pure logic.
 */
public final class SettingRule {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,9}(\\.\\d{1,9})?");
    /** A DNS name (RFC 1123 §2.1 labels), optionally {@code *.} for its subdomains; IPv4 literals match too. */
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private final String type;
    private final String allowed;
    private final String requirement;
    private final boolean secret;
    private final Predicate<String> accepts;

    private SettingRule(String type, String allowed, String requirement, boolean secret, Predicate<String> accepts) {
        this.type = type;
        this.allowed = allowed;
        this.requirement = requirement;
        this.secret = secret;
        this.accepts = accepts;
    }

    static SettingRule text() {
        return new SettingRule("text", "any", "text", false, value -> true);
    }

    /** A value that is never repeated in a message or a log. */
    static SettingRule secret(int minLength) {
        String allowed = minLength > 0 ? "at least " + minLength + " characters" : "any";
        return new SettingRule("secret", allowed, allowed, true, value -> value.length() >= minLength);
    }

    static SettingRule integer(long min, long max) {
        return new SettingRule("integer", "from " + min + " to " + max, "an integer from " + min + " to " + max, false,
                value -> INTEGER.matcher(value).matches() && Long.parseLong(value) >= min && Long.parseLong(value) <= max);
    }

    static SettingRule number(double min, double max) {
        String range = "from " + plain(min) + " to " + plain(max);
        return new SettingRule("number", range, "a number " + range, false,
                value -> DECIMAL.matcher(value).matches() && Double.parseDouble(value) >= min && Double.parseDouble(value) <= max);
    }

    /** Above zero, so a value that rounds to nothing is refused rather than taken as "no limit". */
    static SettingRule positiveNumber(double max) {
        String range = "above 0, at most " + plain(max);
        return new SettingRule("number", range, "a number " + range, false,
                value -> DECIMAL.matcher(value).matches() && Double.parseDouble(value) > 0 && Double.parseDouble(value) <= max);
    }

    static SettingRule oneOf(String... values) {
        String list = String.join(", ", values);
        return new SettingRule("one of", list, "one of " + list, false, List.of(values)::contains);
    }

    /** One of {@code values}, in any letter case (an HTTP header name, RFC 9110 §5.1). */
    static SettingRule oneOfIgnoringCase(String... values) {
        String list = String.join(", ", values);
        return new SettingRule("one of", list + " (any case)", "one of " + list, false,
                value -> List.of(values).stream().anyMatch(value::equalsIgnoreCase));
    }

    static SettingRule bool() {
        return new SettingRule("boolean", "true, false", "true or false", false,
                value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"));
    }

    /** An absolute http or https URL without query or fragment: a base that paths are appended to. */
    static SettingRule baseUrl() {
        return new SettingRule("URL", "http:// or https://, no query or fragment",
                "an http:// or https:// URL without query or fragment", false, SettingRule::isBaseUrl);
    }

    static SettingRule jdbcUrl() {
        return new SettingRule("JDBC URL", "jdbc:postgresql://…", "a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)",
                false, value -> value.startsWith("jdbc:postgresql:"));
    }

    /**
     * A PostgreSQL name that needs no quoting, so that the pool's {@code currentSchema}, Liquibase and a DBA's
     * {@code SET search_path} all mean the same schema.
     */
    static SettingRule schemaName() {
        return new SettingRule("schema name", "lower-case letters, digits and _, starting with a letter or _",
                "a schema name of lower-case letters, digits and _ (at most 63), starting with a letter or _", false,
                value -> SCHEMA_NAME.matcher(value).matches());
    }

    /**
     * Checked at start by the one parser that uses it (the web layer's, which {@code config} cannot import):
     * here it only describes the rule.
     */
    static SettingRule cidrList() {
        return new SettingRule("CIDR list", "IP addresses or CIDR blocks, separated by commas or spaces",
                "IP addresses or CIDR blocks (10.0.0.0/8, fd00::/8) separated by commas or spaces", false, value -> true);
    }

    /**
     * Host names separated by commas, each exact or {@code *.} and a domain (its subdomains, not the domain
     * itself); IP literals too, an IPv6 one in brackets or without. Names are compared without regard to case.
     */
    static SettingRule hostList() {
        return new SettingRule("host list", "host names or *.domain, separated by commas",
                "host names (auth.example.com) or *.domain (*.example.com) separated by commas", false,
                value -> List.of(value.split(",")).stream().map(String::strip)
                        .allMatch(host -> HOST.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches()));
    }

    /** Checked at start against the scope registry, once the schema is applied. */
    static SettingRule scopeList() {
        return new SettingRule("scope list", "scopes of the registry, separated by spaces",
                "scopes of the registry separated by spaces", false, value -> true);
    }

    private static boolean isBaseUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** As the guide's "type" column shows it. */
    public String type() {
        return type;
    }

    /** As the guide's "allowed values" column shows it. */
    public String allowed() {
        return allowed;
    }

    public boolean isSecret() {
        return secret;
    }

    boolean accepts(String value) {
        return accepts.test(value);
    }

    /** The refusal: the variable, the rule, and the value unless it is a secret. */
    String refusal(String variable, String value) {
        return variable + " must be " + requirement + (secret ? "" : ", not \"" + value + "\"");
    }
}
