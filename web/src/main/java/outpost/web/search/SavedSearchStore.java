package outpost.web.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import outpost.index.DurableFiles;

/**
 * Saved searches kept in one JSON file ({@value #FILE_NAME} in the data directory), visible to
 * every user. Every change rewrites the file through a temporary file and an atomic rename, so a
 * crash leaves the old or the new list, never half of one. Bounded: at most {@link #MAX_SEARCHES}.
 *
 * <p>Thread-safe (changes are serialized). Holds no open resources, so nothing to close.
 */
public final class SavedSearchStore {
  public static final String FILE_NAME = "saved-searches.json";
  public static final int MAX_SEARCHES = 1_000;

  private static final TypeReference<List<SavedSearch>> LIST = new TypeReference<>() {};
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SavedSearch> byId = new LinkedHashMap<>();
  private final int maxSearches;

  private SavedSearchStore(
      Path file, InstantSource clock, List<SavedSearch> searches, int maxSearches) {
    this.file = file;
    this.clock = clock;
    this.maxSearches = maxSearches;
    searches.forEach(s -> byId.put(s.id(), s));
  }

  /**
   * Loads {@code file}, or starts empty when it does not exist.
   *
   * @throws IOException when it cannot be read or is not a list of saved searches (the message
   *     names the file)
   */
  public static SavedSearchStore open(Path file, InstantSource clock) throws IOException {
    return open(file, clock, MAX_SEARCHES);
  }

  /** As {@link #open(Path, InstantSource)} with another limit than {@link #MAX_SEARCHES}. */
  static SavedSearchStore open(Path file, InstantSource clock, int maxSearches) throws IOException {
    if (!Files.exists(file)) {
      return new SavedSearchStore(file, clock, List.of(), maxSearches);
    }
    try {
      List<SavedSearch> searches = JSON.readValue(file.toFile(), LIST);
      if (searches == null) {
        throw new IOException(file + ": expected a JSON list of saved searches, got null");
      }
      return new SavedSearchStore(file, clock, searches, maxSearches);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": not a readable saved-search list: " + e.getMessage(), e);
    }
  }

  /** Every saved search, oldest first. */
  public synchronized List<SavedSearch> list() {
    return List.copyOf(byId.values());
  }

  public synchronized Optional<SavedSearch> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Saves a new search and writes the file.
   *
   * @throws IllegalArgumentException when name or state is not acceptable ({@link SavedSearch})
   * @throws LimitReached when the limit ({@link #MAX_SEARCHES}) is reached
   * @throws UncheckedIOException when the file cannot be written (nothing changes then)
   */
  public synchronized SavedSearch add(String name, String state, String owner) {
    if (byId.size() >= maxSearches) {
      throw new LimitReached(
          "saved searches: " + byId.size() + " reached the limit " + maxSearches);
    }
    String id = newId();
    var search =
        new SavedSearch(id, name, state, owner, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    List<SavedSearch> next = new ArrayList<>(byId.values());
    next.add(search);
    write(next);
    byId.put(id, search);
    return search;
  }

  /**
   * Deletes one and writes the file.
   *
   * @return false when there is none with that id
   */
  public synchronized boolean delete(String id) {
    if (!byId.containsKey(id)) {
      return false;
    }
    List<SavedSearch> next = new ArrayList<>(byId.values());
    next.removeIf(s -> s.id().equals(id));
    write(next);
    byId.remove(id);
    return true;
  }

  private String newId() {
    byte[] bytes = new byte[9];
    String id;
    do {
      random.nextBytes(bytes);
      id = HexFormat.of().formatHex(bytes);
    } while (byId.containsKey(id));
    return id;
  }

  /** Replaces the file durably (see {@link DurableFiles#replace}). */
  private void write(List<SavedSearch> searches) {
    try {
      DurableFiles.replace(
          file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(searches), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The store is full; becomes a 409 naming the limit. */
  public static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LimitReached(String message) {
      super(message);
    }
  }
}
