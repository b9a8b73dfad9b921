package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cursor's start is checked for secrets as its template prints it, before it is read as a Python
 * literal: a number written in groups ({@code 4096_7731_2209}, as account numbers are) read first
 * would lose its underscores, a form the masker does not know, and be a Unix time after that. The
 * plain all-digit case over stdio is {@code hardening.SecretReadAsDateOrNumberTest}.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CursorBoundSecretTest {
  private static final String GROUPED = "4096_7731_2209";

  private final Masker masker = new Masker();
  private final Scope scope = Scope.of(Json.object().put("start", GROUPED));

  CursorBoundSecretTest() {
    masker.register(GROUPED);
  }

  private static JsonNode def(String yaml) throws Exception {
    return Json.YAML.readTree(yaml);
  }

  @Test
  void aGroupedNumberSecretIsNotReadAsADateStart() throws Exception {
    JsonNode def =
        def(
            """
            type: DatetimeBasedCursor
            cursor_field: updated_at
            datetime_format: "%s"
            start_datetime: "{{ config['start'] }}"
            """);

    DeclarativeError refused =
        assertThrows(
            DeclarativeError.class,
            () -> new DatetimeCursor(def, scope, masker).slices(null, scope),
            "a secret was read as a Unix time");
    assertTrue(
        refused.getMessage().contains("start_datetime"),
        "the refusal names the field: " + refused.getMessage());
  }

  @Test
  void aGroupedNumberSecretIsNotReadAsACountStart() throws Exception {
    JsonNode def =
        def(
            """
            type: IncrementingCountCursor
            cursor_field: id
            start_value: "{{ config['start'] }}"
            """);

    DeclarativeError refused =
        assertThrows(
            DeclarativeError.class,
            () -> new CountCursor(def, scope, masker).slices(null, scope),
            "a secret was read as a number");
    assertTrue(
        refused.getMessage().contains("start_value"),
        "the refusal names the field: " + refused.getMessage());
  }
}
