package airbytemcp.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeScenariosTest {
  private static List<String> names(List<SmokeScenario> scenarios) {
    return scenarios.stream().map(SmokeScenario::name).toList();
  }

  @Test
  void offersThe22PredefinedScenarios() {
    assertEquals(22, SmokeScenarios.names().size());
    assertTrue(
        SmokeScenarios.names()
            .containsAll(
                List.of(
                    "basic_types",
                    "CamelCaseStreamName",
                    "wide_table_50_columns",
                    "large_batch_stream",
                    "special_number_values",
                    "union_types")));
  }

  @Test
  void fastIsEveryScenarioButTheLargeBatch() {
    List<String> fast = names(SmokeScenarios.select(List.of("fast"), List.of()));
    assertEquals(21, fast.size());
    assertFalse(
        fast.contains("large_batch_stream"), "did not expect large_batch_stream in: " + fast);
    assertEquals(fast, names(SmokeScenarios.select(List.of(), List.of())));
    assertEquals(22, SmokeScenarios.select(List.of("all"), List.of()).size());
  }

  @Test
  void namedScenariosAreTakenInTheGivenOrder() {
    assertEquals(
        List.of("null_handling", "basic_types"),
        names(SmokeScenarios.select(List.of("null_handling", "basic_types"), List.of())));
  }

  @Test
  void anUnknownScenarioNameIsRefusedWithTheKnownNames() {
    SmokeTestError error =
        assertThrows(
            SmokeTestError.class, () -> SmokeScenarios.select(List.of("no_such"), List.of()));
    assertTrue(error.hint().contains("basic_types"), "expected basic_types in: " + error.hint());
  }

  @Test
  void customScenariosAreAddedAndReplaceAPredefinedOneOfTheSameName() {
    SmokeScenario custom =
        SmokeScenario.custom(
            Json.parse(
                "{\"name\": \"basic_types\", \"json_schema\": "
                    + "{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\"}}}, \"records\": [{\"x\": \"1\"}],"
                    + " \"primary_key\": [\"x\"]}"));
    List<SmokeScenario> selected =
        SmokeScenarios.select(List.of("basic_types", "null_handling"), List.of(custom));
    assertEquals(List.of("null_handling", "basic_types"), names(selected));
    assertEquals(1, selected.get(1).recordCount());
    assertEquals(List.of("x"), selected.get(1).primaryKey());
  }

  @Test
  void aCustomScenarioNeedsANameAndASchema() {
    assertThrows(SmokeTestError.class, () -> SmokeScenario.custom(Json.parse("{\"name\": \"x\"}")));
  }
}
