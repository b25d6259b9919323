package io.maxplatform.oauth.audit;

/**
 * Client-controlled text made safe to store and to print: control characters escaped (no forged log lines,
 * no terminal escapes) and the length bounded.
 */
final class AuditText {

    private AuditText() {
    }

    static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && out.length() < maxLength; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > maxLength ? out.substring(0, maxLength) : out.toString();
    }
}
