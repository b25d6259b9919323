package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.error.ApiException;

/** {@code page} (from 1) and {@code size} (1 to 200) query parameters, checked. */
record Paging(int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    /** Far past any real list; keeps the offset within an int. */
    static final int MAX_PAGE = 1_000_000;

    static Paging of(String page, String size) {
        int p = parse("page", page, 1);
        int s = parse("size", size, DEFAULT_SIZE);
        if (p < 1 || p > MAX_PAGE) {
            throw ApiException.badRequest("page must be between 1 and " + MAX_PAGE);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE);
        }
        return new Paging(p, s);
    }

    int offset() {
        return (page - 1) * size;
    }

    private static int parse(String name, String value, int defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer");
        }
    }
}
