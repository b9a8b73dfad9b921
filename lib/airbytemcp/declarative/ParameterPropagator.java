package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives untyped sub-components their implied type (a requester without {@code type} is an
 * HttpRequester) and hands {@code $parameters} down the component tree the way the CDK does: a
 * component sees its parents' parameters overlaid by its own, every parameter also fills the
 * component's field of that name when the field is unset or falsy, and a parameter is not handed
 * into the field that carries its own name.
 */
final class ParameterPropagator {
  static final String PARAMETERS = "$parameters";

  private static final Map<String, String> IMPLIED_TYPES =
      Map.ofEntries(
          Map.entry("AddFields.fields", "AddedFieldDefinition"),
          Map.entry("CompositeErrorHandler.error_handlers", "DefaultErrorHandler"),
          Map.entry("CursorPagination.decoder", "JsonDecoder"),
          Map.entry("DatetimeBasedCursor.end_datetime", "MinMaxDatetime"),
          Map.entry("DatetimeBasedCursor.end_time_option", "RequestOption"),
          Map.entry("DatetimeBasedCursor.start_datetime", "MinMaxDatetime"),
          Map.entry("DatetimeBasedCursor.start_time_option", "RequestOption"),
          Map.entry("DeclarativeSource.check", "CheckStream"),
          Map.entry("DeclarativeSource.spec", "Spec"),
          Map.entry("DeclarativeSource.streams", "DeclarativeStream"),
          Map.entry("DeclarativeStream.retriever", "SimpleRetriever"),
          Map.entry("DeclarativeStream.schema_loader", "JsonFileSchemaLoader"),
          Map.entry("DefaultErrorHandler.response_filters", "HttpResponseFilter"),
          Map.entry("DefaultPaginator.decoder", "JsonDecoder"),
          Map.entry("DefaultPaginator.page_size_option", "RequestOption"),
          Map.entry("DpathExtractor.decoder", "JsonDecoder"),
          Map.entry("HttpRequester.error_handler", "DefaultErrorHandler"),
          Map.entry("ListPartitionRouter.request_option", "RequestOption"),
          Map.entry("ParentStreamConfig.request_option", "RequestOption"),
          Map.entry("ParentStreamConfig.stream", "DeclarativeStream"),
          Map.entry("RecordSelector.extractor", "DpathExtractor"),
          Map.entry("RecordSelector.record_filter", "RecordFilter"),
          Map.entry("SimpleRetriever.paginator", "NoPagination"),
          Map.entry("SimpleRetriever.record_selector", "RecordSelector"),
          Map.entry("SimpleRetriever.requester", "HttpRequester"),
          Map.entry("SubstreamPartitionRouter.parent_stream_configs", "ParentStreamConfig"),
          Map.entry("SessionTokenAuthenticator.login_requester", "HttpRequester"),
          Map.entry("StateDelegatingStream.full_refresh_stream", "DeclarativeStream"),
          Map.entry("StateDelegatingStream.incremental_stream", "DeclarativeStream"),
          Map.entry("DynamicDeclarativeStream.stream_template", "DeclarativeStream"),
          Map.entry("HttpComponentsResolver.retriever", "SimpleRetriever"),
          Map.entry("HttpComponentsResolver.components_mapping", "ComponentMappingDefinition"));

  private ParameterPropagator() {}

  static ObjectNode propagate(ObjectNode manifest) {
    return (ObjectNode) visit("", manifest, new LinkedHashMap<>());
  }

  private static JsonNode visit(String fieldId, JsonNode node, Map<String, JsonNode> inherited) {
    ObjectNode component = ((ObjectNode) node).deepCopy();
    if (!component.has("type")
        && !component.has("class_name")
        && IMPLIED_TYPES.containsKey(fieldId)) {
      component.put("type", IMPLIED_TYPES.get(fieldId));
    }
    Map<String, JsonNode> params = new LinkedHashMap<>(inherited);
    JsonNode own = component.remove(PARAMETERS);
    if (own != null && own.isObject()) {
      own.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue()));
    }
    if (!component.hasNonNull("type") || isJsonSchema(component)) {
      return component;
    }
    params.forEach(
        (key, value) -> {
          if (!Values.truthy(component.get(key))) {
            component.set(key, value.deepCopy());
          }
        });
    String type = component.get("type").asText();
    List<String> names = new ArrayList<>();
    component.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = component.get(name);
      if (!value.isObject() && !value.isArray()) {
        continue;
      }
      Map<String, JsonNode> handed = new LinkedHashMap<>(params);
      handed.remove(name);
      String childId = type + "." + name;
      if (value.isObject()) {
        component.set(name, visit(childId, value, handed));
      } else {
        ArrayNode items = (ArrayNode) value;
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i).isObject()) {
            items.set(i, visit(childId, items.get(i), handed));
          }
        }
      }
    }
    if (!params.isEmpty()) {
      ObjectNode p = component.putObject(PARAMETERS);
      params.forEach(p::set);
    }
    return component;
  }

  /** JSON schemas also have a {@code type}, but they are data, not components. */
  private static boolean isJsonSchema(ObjectNode node) {
    JsonNode type = node.get("type");
    if (type.isArray()) {
      return true;
    }
    String t = type.asText();
    return t.equals("object")
        || t.equals("array")
        || t.equals("string")
        || t.equals("number")
        || t.equals("integer")
        || t.equals("boolean")
        || t.equals("null");
  }
}
