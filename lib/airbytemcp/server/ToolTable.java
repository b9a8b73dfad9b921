package airbytemcp.server;

import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --list-tools} table: every tool, its domain, its nature, whether it is offered, what
 * it does.
 */
final class ToolTable {
  private ToolTable() {}

  static String render(Services services) {
    ToolVisibility visibility = new ToolVisibility(services.settings());
    List<ToolDefinition> tools = ToolCatalog.all(services);
    int nameWidth = Math.max(4, tools.stream().mapToInt(t -> t.name().length()).max().orElse(4));
    String format = "%-" + nameWidth + "s  %-11s  %-11s  %-8s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(Locale.ROOT, format, "TOOL", "DOMAIN", "KIND", "OFFERED", "DESCRIPTION"));
    for (ToolDefinition tool : tools) {
      String kind =
          tool.hints().readOnly()
              ? "read-only"
              : tool.hints().destructive() ? "destructive" : "writes";
      String offered =
          visibility
              .reasonHidden(tool)
              .map(r -> "no")
              .orElse(
                  tool.has(ToolTrait.NEEDS_UI)
                      ? "ui only"
                      : tool.has(ToolTrait.UNLISTED) ? "alias" : "yes");
      out.append(
          String.format(
              Locale.ROOT, format, tool.name(), tool.domain().id(), kind, offered, tool.summary()));
    }
    long offeredCount = tools.stream().filter(visibility::offered).count();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%d tools, %d offered with the current settings ('ui only': to clients that declare "
                + "the MCP Apps UI extension; 'alias': an older name, callable but not listed).%n",
            tools.size(),
            offeredCount));
    return out.toString();
  }
}
