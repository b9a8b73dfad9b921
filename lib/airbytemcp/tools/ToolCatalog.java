package airbytemcp.tools;

import java.util.ArrayList;
import java.util.List;

/** Every tool the server knows, before any filter decides which are offered. */
public final class ToolCatalog {
  private ToolCatalog() {}

  public static List<ToolDefinition> all(Services services) {
    List<ToolDefinition> tools = new ArrayList<>();
    tools.addAll(new RegistryTools(services).definitions());
    tools.addAll(new LocalTools(services).definitions());
    tools.addAll(new SourceTools(services).definitions());
    tools.addAll(new CacheTools(services).definitions());
    tools.addAll(new CloudTools(services).definitions());
    tools.addAll(new InteractiveTools(services).definitions());
    return List.copyOf(tools);
  }
}
