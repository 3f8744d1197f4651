package outpost.alerts.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.List;
import outpost.alerts.check.PerfValue;
import outpost.alerts.state.CheckState;

/**
 * JSON for what the engine persists: {@link CheckState} and perfdata lists. NaN values (a plugin's
 * {@code U}) survive the round trip. Thread-safe.
 */
final class StateCodec {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();
  private static final TypeReference<List<PerfValue>> PERF = new TypeReference<>() {};

  private StateCodec() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static CheckState state(String json) {
    try {
      return MAPPER.readValue(json, CheckState.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("stored check state is not readable", e);
    }
  }

  static List<PerfValue> perf(String json) {
    try {
      return MAPPER.readValue(json, PERF);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("stored perfdata is not readable", e);
    }
  }
}
