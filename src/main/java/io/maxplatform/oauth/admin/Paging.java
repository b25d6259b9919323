package io.maxplatform.oauth.admin;

/** {@code page} (from 1) and {@code size} (1 to 200) query parameters, checked. */
record Paging(int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    /** Far past any real list; keeps the offset within an int. */
    static final int MAX_PAGE = 1_000_000;

    static Paging of(String page, String size) {
        Long p = QueryParameters.wholeNumber("page", page, 1, MAX_PAGE);
        Long s = QueryParameters.wholeNumber("size", size, 1, MAX_SIZE);
        return new Paging(p == null ? 1 : p.intValue(), s == null ? DEFAULT_SIZE : s.intValue());
    }

    int offset() {
        return (page - 1) * size;
    }
}
