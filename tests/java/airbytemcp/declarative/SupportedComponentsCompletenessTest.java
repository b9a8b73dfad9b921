package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every component type of the declarative component schema is accounted for: run, skipped on
 * purpose, consciously not yet run, or custom (Python by definition).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupportedComponentsCompletenessTest {
  @Test
  @SuppressWarnings("unchecked")
  void everyTypedComponentOfTheSchemaIsRunSkippedOrListedAsNotYet() throws Exception {
    String text =
        Files.readString(SharedManifests.airbyteDir().resolve("declarative_component_schema.yaml"));
    Map<String, Object> root = (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
    Map<String, Object> definitions = (Map<String, Object>) root.get("definitions");
    Set<String> unaccounted = new TreeSet<>();
    definitions.forEach(
        (name, body) -> {
          Object props = body instanceof Map<?, ?> m ? m.get("properties") : null;
          Object type = props instanceof Map<?, ?> p ? p.get("type") : null;
          Object enums = type instanceof Map<?, ?> t ? t.get("enum") : null;
          if (!(enums instanceof List<?> values) || values.isEmpty()) {
            return; // not a typed component (PrimaryKey, Schemas, ValueType, ...)
          }
          String typeName = String.valueOf(values.get(0));
          if (name.startsWith("Custom")
              || SupportedComponents.RUN.contains(typeName)
              || SupportedComponents.IGNORED.contains(typeName)
              || SupportedComponents.NOT_YET.contains(typeName)) {
            return;
          }
          unaccounted.add(name + " (type " + typeName + ")");
        });
    assertEquals(
        Set.of(),
        unaccounted,
        "component types the runtime neither runs, skips nor lists as not yet run");
  }
}
