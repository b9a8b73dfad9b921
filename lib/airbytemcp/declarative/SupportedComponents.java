package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/** Which component types the JVM runtime implements, which it accepts without effect, and which a manifest uses. */
public final class SupportedComponents {
  /** Implemented with the CDK's semantics. */
  public static final Set<String> RUN = Set.of(
      "DeclarativeSource", "DeclarativeStream", "StateDelegatingStream", "SimpleRetriever", "HttpRequester",
      "RecordSelector", "DpathExtractor", "RecordFilter", "NoPagination", "DefaultPaginator", "CursorPagination",
      "PageIncrement", "OffsetIncrement", "RequestOption", "RequestPath", "ListPartitionRouter",
      "SubstreamPartitionRouter", "ParentStreamConfig", "DatetimeBasedCursor", "MinMaxDatetime", "AddFields",
      "AddedFieldDefinition", "RemoveFields", "KeysToLower", "KeysToSnakeCase", "KeysReplace", "DpathFlattenFields",
      "FlattenFields", "DefaultErrorHandler", "CompositeErrorHandler", "HttpResponseFilter", "ConstantBackoffStrategy",
      "ExponentialBackoffStrategy", "WaitTimeFromHeader", "WaitUntilTimeFromHeader", "NoAuth", "ApiKeyAuthenticator",
      "BearerAuthenticator", "BasicHttpAuthenticator", "OAuthAuthenticator", "SessionTokenAuthenticator",
      "SelectiveAuthenticator", "Bearer", "ApiKey", "JsonDecoder", "JsonlDecoder", "CsvDecoder", "XmlDecoder",
      "GzipDecoder", "CompositeRawDecoder", "GzipParser", "JsonLineParser", "CsvParser", "JsonParser",
      "InlineSchemaLoader", "JsonFileSchemaLoader", "CheckStream", "Spec", "RequestBodyJsonObject",
      "RequestBodyUrlEncodedForm", "RequestBodyPlainText", "DynamicDeclarativeStream", "HttpComponentsResolver",
      "ConfigComponentsResolver", "ComponentMappingDefinition", "StreamConfig", "CheckDynamicStream", "IncrementingCountCursor");

  /** Accepted and skipped: they tune concurrency, rate budgets or config migrations, not what is read. */
  public static final Set<String> IGNORED = Set.of(
      "ConcurrencyLevel", "HTTPAPIBudget", "MovingWindowCallRatePolicy", "FixedWindowCallRatePolicy",
      "UnlimitedCallRatePolicy", "HttpRequestRegexMatcher", "ConfigNormalizationRules", "ConfigMigration",
      "ConfigAddFields", "ConfigRemapField", "ConfigRemoveFields", "DpathValidator", "PredicateValidator",
      "ValidateAdheresToSchema", "AuthFlow", "OAuthConfigSpecification", "LegacyToPerPartitionStateMigration");

  private SupportedComponents() {}

  /** Component types the manifest uses that the runtime neither runs nor may skip. */
  public static Set<String> unsupported(JsonNode manifest) {
    Set<String> out = new TreeSet<>();
    collect(manifest, out);
    out.removeAll(RUN);
    out.removeAll(IGNORED);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      JsonNode type = node.get("type");
      if (type != null && type.isTextual() && !type.asText().isEmpty() && Character.isUpperCase(type.asText().charAt(0))) {
        out.add(type.asText());
      }
      node.forEach(child -> collect(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }
}
