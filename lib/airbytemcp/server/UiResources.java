package airbytemcp.server;

import airbytemcp.tools.ToolDefinition;
import airbytemcp.views.UiView;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code ui://} resources of the offered tools' views, served as MCP Apps HTML. */
final class UiResources {
  /** The view draws inside the host's frame; a border keeps it apart from the conversation. */
  private static final Map<String, Object> RESOURCE_META =
      Map.of("ui", Map.of("prefersBorder", true));

  private UiResources() {}

  static List<SyncResourceSpecification> specifications(List<ToolDefinition> offered) {
    Set<String> linked =
        offered.stream()
            .map(ToolDefinition::uiResourceUri)
            .filter(u -> u != null)
            .collect(Collectors.toSet());
    return Arrays.stream(UiView.values())
        .filter(v -> linked.contains(v.uri()))
        .map(UiResources::specification)
        .toList();
  }

  private static SyncResourceSpecification specification(UiView view) {
    McpSchema.Resource resource =
        McpSchema.Resource.builder(view.uri(), view.name().toLowerCase(Locale.ROOT))
            .title(view.title())
            .description(view.description())
            .mimeType(UiView.MIME_TYPE)
            .meta(RESOURCE_META)
            .build();
    Page page = new Page(view);
    return new SyncResourceSpecification(
        resource,
        (exchange, request) ->
            new McpSchema.ReadResourceResult(
                List.of(
                    new McpSchema.TextResourceContents(
                        view.uri(), UiView.MIME_TYPE, page.html(), RESOURCE_META))));
  }

  /**
   * A view's HTML, assembled from its assets at the first read rather than at every start (most
   * sessions never open a view).
   */
  private static final class Page {
    private final UiView view;
    private String html;

    Page(UiView view) {
      this.view = view;
    }

    synchronized String html() {
      if (html == null) {
        html = view.html();
      }
      return html;
    }
  }
}
