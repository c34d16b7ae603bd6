package onlinebench.config;

/**
 * A value as the user gave it, with where it came from, so that a message can point at the exact
 * spelling the user typed.
 *
 * @param text the value as given
 * @param origin {@code -Dname} or {@code env NAME}
 */
record RawValue(String text, String origin) {}
