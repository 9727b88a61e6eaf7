package io.tributary.parser;

/**
 * One {@code rule "from_state" "/regex/" "to_state"} line: a line seen in {@code from} that matches
 * {@code regex} belongs to the message and moves it to {@code to}. Rules from {@code start_state} begin a
 * message.
 */
public record MultilineRule(String from, OnigmoPattern regex, String to) {
    public static final String START = "start_state";

    boolean matches(String state, String text) {
        return from.equals(state) && regex.find(text);
    }
}
