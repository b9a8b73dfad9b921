package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a manifest's own templates tell about the config it expects, beyond its spec: which config
 * fields start a URL (a full URL) or follow its scheme (a bare host), which values a {@code
 * SelectiveAuthenticator} selects on, and in which date format the incremental cursor parses a
 * config start or end date.
 */
final class CorpusConfigHints {
  /** Fields whose text a URL starts with: they must hold a full URL. */
  final Set<List<String>> urls = new LinkedHashSet<>();

  /** Fields that follow {@code ://} in a URL: they must hold a host, no scheme. */
  final Set<List<String>> hosts = new LinkedHashSet<>();

  /** A selective authenticator's selection field and the values it knows. */
  final Map<List<String>, Set<String>> selections = new HashMap<>();

  /**
   * Fields the manifest reads with no fallback (URLs, cursor dates, selections): a user fills them
   * even when the spec leaves them optional.
   */
  final Set<List<String>> needed = new LinkedHashSet<>();

  /** Config date fields and the Python format the cursor parses them with. */
  final Map<List<String>, String> dateFormats = new HashMap<>();

  private static final Set<String> URL_FIELDS =
      Set.of(
          "url_base",
          "url",
          "token_refresh_endpoint",
          "login_url",
          "validate_session_url",
          "polling_url",
          "download_target",
          "path");

  /** A template that is nothing but one config reference ({{ config['a'] }}, config.a...). */
  private static final Pattern ONLY_CONFIG =
      Pattern.compile("^\\s*\\{\\{\\s*(config[^|(]*?)\\s*}}\\s*$", Pattern.DOTALL);

  private static final Pattern WHOLE_TEMPLATE =
      Pattern.compile("^\\s*\\{\\{(.*?)}}\\s*$", Pattern.DOTALL);

  private static final Pattern LEADING_TEMPLATE =
      Pattern.compile("^\\s*\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern AFTER_SCHEME =
      Pattern.compile("://\\s*\\{\\{(.*?)}}", Pattern.DOTALL);

  /** An expression that is one config reference, maybe with a fallback or a filter. */
  private static final Pattern BARE_CONFIG =
      Pattern.compile(
          "^config(?:\\[\\s*['\"][^'\"]+['\"]\\s*]|\\.\\w+|\\.get\\([^)]*\\))+\\s*(?:(?:or|\\|)\\s*.*)?$",
          Pattern.DOTALL);

  private static final Pattern FALLBACK =
      Pattern.compile("\\bor\\b|\\.get\\([^,)]+,|\\|\\s*default");

  /** {@code config['a'] if config['a'] else ['b']}: a fallback too. */
  private static final Pattern CONDITIONAL =
      Pattern.compile("\\bif\\b.*\\belse\\b", Pattern.DOTALL);

  private static final Pattern CONFIG_REF = Pattern.compile("\\bconfig\\b");
  private static final Pattern STEP =
      Pattern.compile(
          "^(?:\\[\\s*['\"]([^'\"]+)['\"]\\s*]|\\.get\\(\\s*['\"]([^'\"]+)['\"]|\\.([A-Za-z_]\\w*)(?!\\s*\\())");

  private CorpusConfigHints() {}

  static CorpusConfigHints of(JsonNode definition) {
    CorpusConfigHints hints = new CorpusConfigHints();
    if (definition != null) {
      hints.walk(definition, null);
    }
    return hints;
  }

  private void walk(JsonNode node, String key) {
    if (node.isObject()) {
      String type = node.path("type").asText("");
      if (type.equals("SelectiveAuthenticator")) {
        selection(node);
      } else if (type.equals("DatetimeBasedCursor")) {
        cursorDates(node);
      } else if (type.equals("ListPartitionRouter")) {
        listValues(node);
      }
      node.fields().forEachRemaining(f -> walk(f.getValue(), f.getKey()));
    } else if (node.isArray()) {
      node.forEach(n -> walk(n, key));
    } else if (node.isTextual() && key != null && URL_FIELDS.contains(key)) {
      String text = node.asText();
      Matcher leading = LEADING_TEMPLATE.matcher(text);
      if (leading.find() && !key.equals("path")) {
        String expression = leading.group(1).strip();
        if (BARE_CONFIG.matcher(expression).matches()) {
          configPath(expression).ifPresent(urls::add);
          if (!FALLBACK.matcher(expression).find()) {
            configPath(expression).ifPresent(needed::add);
          }
        }
      }
      Matcher host = AFTER_SCHEME.matcher(text);
      while (host.find()) {
        configPath(host.group(1)).ifPresent(hosts::add);
      }
    }
  }

  private void selection(JsonNode node) {
    List<String> path = new ArrayList<>();
    node.path("authenticator_selection_path").forEach(k -> path.add(k.asText()));
    if (path.isEmpty()) {
      return;
    }
    Set<String> known = new LinkedHashSet<>();
    node.path("authenticators").fieldNames().forEachRemaining(known::add);
    selections.put(List.copyOf(path), known);
    needed.add(List.copyOf(path));
  }

  /**
   * A list router whose values come from the config: with the field left out there is no partition,
   * so nothing to read; a user who wants the stream fills it.
   */
  private void listValues(JsonNode router) {
    JsonNode values = router.path("values");
    if (!values.isTextual()) {
      return;
    }
    Matcher only = WHOLE_TEMPLATE.matcher(values.asText());
    if (!only.matches()) {
      return;
    }
    String expression = only.group(1).strip();
    if (BARE_CONFIG.matcher(expression).matches()
        && !FALLBACK.matcher(expression).find()
        && !CONDITIONAL.matcher(expression).find()) {
      configPath(expression).ifPresent(needed::add);
    }
  }

  private void cursorDates(JsonNode cursor) {
    String cursorFormat = cursor.path("datetime_format").asText(null);
    for (String field : List.of("start_datetime", "end_datetime")) {
      JsonNode value = cursor.path(field);
      String template = value.isTextual() ? value.asText() : value.path("datetime").asText(null);
      String format =
          value.isObject() ? value.path("datetime_format").asText(cursorFormat) : cursorFormat;
      if (template == null || format == null) {
        continue;
      }
      Matcher only = ONLY_CONFIG.matcher(template);
      if (only.matches()) {
        configPath(only.group(1))
            .ifPresent(
                p -> {
                  dateFormats.put(p, format);
                  if (field.equals("start_datetime")) {
                    needed.add(p);
                  }
                });
      }
    }
  }

  /** The config field a template expression reads first, e.g. ["credentials", "domain"]. */
  static Optional<List<String>> configPath(String expression) {
    Matcher ref = CONFIG_REF.matcher(expression);
    if (!ref.find()) {
      return Optional.empty();
    }
    String rest = expression.substring(ref.end());
    List<String> path = new ArrayList<>();
    while (true) {
      Matcher step = STEP.matcher(rest);
      if (!step.find()) {
        break;
      }
      String name =
          step.group(1) != null
              ? step.group(1)
              : step.group(2) != null ? step.group(2) : step.group(3);
      path.add(name);
      if (step.group(2) != null) {
        break; // config.get('a', ...): the default follows, not another step
      }
      rest = rest.substring(step.end());
    }
    return path.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(path));
  }
}
