package io.amqpra.impl.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which target addresses an activation serves: a comma-separated list of exact addresses or
 * patterns in which {@code *} stands for any run of characters ({@code orders.*},
 * {@code *.audit}, {@code *} for every address).
 */
final class AddressPatterns {

    private final String text;
    private final List<Pattern> patterns;

    private AddressPatterns(String text, List<Pattern> patterns) {
        this.text = text;
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    static AddressPatterns parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("at least one address or pattern is required");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty entry; separate addresses with single commas");
            }
            if (p.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + p + "' contains whitespace");
            }
            if (p.contains("**")) {
                throw new IllegalArgumentException("'" + p + "' has '**'; one '*' matches any run of characters");
            }
            patterns.add(Pattern.compile(toRegex(p)));
        }
        return new AddressPatterns(text.trim(), List.copyOf(patterns));
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*') {
                regex.append(Pattern.quote(pattern.substring(start, i))).append(".*");
                start = i + 1;
            }
        }
        return regex.append(Pattern.quote(pattern.substring(start))).toString();
    }

    boolean matches(String address) {
        if (address == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(address).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
