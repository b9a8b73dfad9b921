package airbytemcp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.testing.SharedData;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real registry snapshot in ../shared (591 sources, 56 destinations) parses whole and its
 * filters count what Airbyte's registry says; the behaviours themselves are specified on the
 * project's fixture in {@link ConnectorRegistryTest}.
 */
class ConnectorRegistrySnapshotTest {
  private static ConnectorRegistry registry;

  @BeforeAll
  static void parseSnapshot() throws IOException {
    registry =
        ConnectorRegistry.parse(Json.MAPPER.readTree(SharedData.registrySnapshot().toFile()));
  }

  private static int count(Optional<ConnectorType> type, Set<InstallType> installTypes) {
    return registry.names(Optional.empty(), type, installTypes).size();
  }

  @Test
  void everySourceAndDestinationIsParsed() {
    assertEquals(647, registry.all().size());
    assertEquals(591, count(Optional.of(ConnectorType.SOURCE), Set.of()));
    assertEquals(56, count(Optional.of(ConnectorType.DESTINATION), Set.of()));
  }

  @Test
  void installTypeFiltersCountWhatTheRegistrySays() {
    assertEquals(499, count(Optional.empty(), EnumSet.of(InstallType.YAML)));
    assertEquals(64, count(Optional.empty(), EnumSet.of(InstallType.PYTHON)));
    assertEquals(54, count(Optional.empty(), EnumSet.of(InstallType.JAVA)));
    assertEquals(647, count(Optional.empty(), EnumSet.of(InstallType.DOCKER)));
    assertEquals(563, count(Optional.empty(), EnumSet.of(InstallType.YAML, InstallType.PYTHON)));
  }

  @Test
  void connectorsWithoutPrefixTakeTheirTypeFromTheirSection() {
    assertEquals(ConnectorType.SOURCE, registry.require("airbyte-jenkins-source").connectorType());
  }
}
