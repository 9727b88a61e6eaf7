package io.tributary.parser;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnigmoPatternTest {
    @Test
    void groupNamesJavaRejectsAreKept() {
        OnigmoPattern p = OnigmoPattern.compile("^(?<remote_addr>\\S+) (?<_p>F|P) (?<2nd>\\d) (?'quoted'x)(?<remote_addr>y)?$");
        assertArrayEquals(new String[] {"remote_addr", "_p", "2nd", "quoted", "remote_addr"}, p.names());
        Matcher m = p.matcher("1.2.3.4 F 7 x");
        assertTrue(m.find());
        assertEquals("1.2.3.4", m.group(p.group(0)));
        assertEquals("F", m.group(p.group(1)));
        assertEquals("x", m.group(p.group(3)));
    }

    @Test
    void unnamedGroupsAndLookbehindsKeepNumbering() {
        OnigmoPattern p = OnigmoPattern.compile("(a)(?:b)(?<=b)(?<!z)(?<n>c)\\k<n>");
        Matcher m = p.matcher("abcc");
        assertTrue(m.find());
        assertEquals("c", m.group(p.group(0)));
        assertEquals(2, p.group(0));
    }

    @Test
    void rubyAnchorsAndFlags() {
        assertTrue(OnigmoPattern.compile("^wor").find("hello\nworld"), "^ matches after a newline");
        assertTrue(OnigmoPattern.compile("o$").find("hello\nworld"));
        assertTrue(OnigmoPattern.compile("^$").find(""), "^$ matches an empty line");
        assertFalse(OnigmoPattern.compile("^[\\r\\n]*$").find("next line\n"), "but not after a final newline");
        assertFalse(OnigmoPattern.compile("a.b").find("a\nb"));
        assertTrue(OnigmoPattern.compile("(?m)a.b").find("a\nb"), "Ruby's m is dot-all");
        assertTrue(OnigmoPattern.compile("/a.B/mi").find("A\nb"));
        assertTrue(OnigmoPattern.compile("/x/").find("x"));
    }

    @Test
    void hexClassesAndPosixBrackets() {
        assertTrue(OnigmoPattern.compile("^\\h+$").find("deadBEEF09"));
        assertFalse(OnigmoPattern.compile("^\\h+$").find("xyz"));
        assertTrue(OnigmoPattern.compile("^[\\h-]+$").find("ab-01"));
        assertTrue(OnigmoPattern.compile("^[[:alpha:]]+[[:digit:]]$").find("abc1"));
        assertTrue(OnigmoPattern.compile("^[]a]+$").find("]a]"));
    }

    @Test
    void errorsNameThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnigmoPattern.compile("(?<x>"));
        assertTrue(e.getMessage().contains("(?<x>"), e.getMessage());
        for (String bad : List.of("(?<x", "[a")) assertThrows(IllegalArgumentException.class, () -> OnigmoPattern.compile(bad));
    }
}
