package outpost.server;

import java.util.Locale;
import java.util.OptionalLong;

/** Parses sizes such as {@code 64KiB}, {@code 16M} or {@code 1048576}; units are powers of 1024. */
final class ByteSizes {
  private ByteSizes() {}

  static OptionalLong parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    int end = 0;
    while (end < t.length() && Character.isDigit(t.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 18) {
      return OptionalLong.empty();
    }
    long number = Long.parseLong(t.substring(0, end));
    int shift =
        switch (t.substring(end).strip()) {
          case "", "B" -> 0;
          case "K", "KB", "KIB" -> 10;
          case "M", "MB", "MIB" -> 20;
          case "G", "GB", "GIB" -> 30;
          case "T", "TB", "TIB" -> 40;
          default -> -1;
        };
    if (shift < 0 || Long.numberOfLeadingZeros(number) <= shift) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(number << shift);
  }
}
