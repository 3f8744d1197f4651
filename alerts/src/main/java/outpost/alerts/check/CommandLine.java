package outpost.alerts.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way a POSIX shell splits a simple command, without running
 * one: whitespace separates words; single quotes keep everything literally; double quotes keep
 * everything but {@code \"} and {@code \\}; outside quotes a backslash escapes the next character.
 * No globbing, variables, pipes or redirections: those characters are plain text. Stateless and
 * thread-safe.
 */
final class CommandLine {
  private CommandLine() {}

  /**
   * The words of {@code command}.
   *
   * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
   */
  static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int close = command.indexOf('\'', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated single quote at position " + i);
        }
        word.append(command, i + 1, close);
        inWord = true;
        i = close + 1;
      } else if (c == '"') {
        i = doubleQuoted(command, i, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= command.length()) {
          throw new IllegalArgumentException("trailing backslash");
        }
        word.append(command.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends the double-quoted part starting at {@code open}; returns the index after it. */
  private static int doubleQuoted(String s, int open, StringBuilder word) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
        word.append(s.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated double quote at position " + open);
  }
}
