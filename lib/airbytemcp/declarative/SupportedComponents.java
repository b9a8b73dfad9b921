package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which component types the JVM runtime implements, which it accepts without effect, and which a
 * manifest uses.
 */
public final class SupportedComponents {
  /** Implemented with the CDK's semantics. */
  public static final Set<String> RUN =
      Set.of(
          "DeclarativeSource",
          "DeclarativeStream",
          "ConditionalStreams",
          "StateDelegatingStream",
          "StreamGroup",
          "BlockSimultaneousSyncsAction",
          "SimpleRetriever",
          "HttpRequester",
          "RecordSelector",
          "DpathExtractor",
          "RecordExpander",
          "ResponseToFileExtractor",
          "RecordFilter",
          "NoPagination",
          "DefaultPaginator",
          "CursorPagination",
          "PageIncrement",
          "OffsetIncrement",
          "RequestOption",
          "RequestPath",
          "ListPartitionRouter",
          "SubstreamPartitionRouter",
          "UnionPartitionRouter",
          "ParentStreamConfig",
          "DatetimeBasedCursor",
          "MinMaxDatetime",
          "AddFields",
          "AddedFieldDefinition",
          "RemoveFields",
          "KeysToLower",
          "KeysToSnakeCase",
          "KeysReplace",
          "DpathFlattenFields",
          "KeyTransformation",
          "FlattenFields",
          "DefaultErrorHandler",
          "CompositeErrorHandler",
          "HttpResponseFilter",
          "ConstantBackoffStrategy",
          "ExponentialBackoffStrategy",
          "WaitTimeFromHeader",
          "WaitUntilTimeFromHeader",
          "NoAuth",
          "ApiKeyAuthenticator",
          "BearerAuthenticator",
          "BasicHttpAuthenticator",
          "OAuthAuthenticator",
          "SessionTokenAuthenticator",
          "LegacySessionTokenAuthenticator",
          "SelectiveAuthenticator",
          "JwtAuthenticator",
          "RateLimitedMultipleTokenAuthenticator",
          "QuotaStatusSource",
          "TokenQuota",
          "Bearer",
          "ApiKey",
          "JsonDecoder",
          "JsonlDecoder",
          "JsonItemsDecoder",
          "CsvDecoder",
          "XmlDecoder",
          "GzipDecoder",
          "CompositeRawDecoder",
          "GzipParser",
          "JsonLineParser",
          "CsvParser",
          "JsonParser",
          "InlineSchemaLoader",
          "JsonFileSchemaLoader",
          "CheckStream",
          "Spec",
          "RequestBodyJsonObject",
          "RequestBodyUrlEncodedForm",
          "RequestBodyPlainText",
          "RequestBodyGraphQL",
          "RequestBodyGraphQlQuery",
          "DynamicDeclarativeStream",
          "HttpComponentsResolver",
          "ConfigComponentsResolver",
          "ParametrizedComponentsResolver",
          "StreamParametersDefinition",
          "ComponentMappingDefinition",
          "StreamConfig",
          "CheckDynamicStream",
          "DynamicStreamCheckConfig",
          "IncrementingCountCursor",
          "DynamicSchemaLoader",
          "SchemaTypeIdentifier",
          "TypesMap",
          "AsyncRetriever",
          "AsyncJobStatusMap",
          "PaginationReset",
          "PaginationResetLimits",
          "IterableDecoder",
          "ZipfileDecoder",
          "QueryProperties",
          "PropertiesFromEndpoint",
          "PropertyChunking",
          "GroupByKeyMergeStrategy",
          "GroupingPartitionRouter",
          "LegacyToPerPartitionStateMigration",
          "HTTPAPIBudget",
          "FixedWindowCallRatePolicy",
          "MovingWindowCallRatePolicy",
          "UnlimitedCallRatePolicy",
          "Rate",
          "HttpRequestRegexMatcher",
          "ConfigNormalizationRules",
          "ConfigMigration",
          "ConfigAddFields",
          "ConfigRemapField",
          "ConfigRemoveFields",
          "DpathValidator",
          "PredicateValidator",
          "ValidateAdheresToSchema",
          "JsonSchemaPropertySelector");

  /**
   * Accepted and skipped: they tune concurrency (streams are read one at a time) or describe the
   * OAuth flow, not what is read.
   */
  public static final Set<String> IGNORED =
      Set.of("ConcurrencyLevel", "AuthFlow", "OAuthConfigSpecification");

  /**
   * Known component types this runtime does not run yet: a manifest using one is reported
   * unsupported and runs with Docker or Python instead. Empty today: every type of Airbyte's schema
   * that needs no Python code runs.
   */
  public static final Set<String> NOT_YET = Set.of();

  private SupportedComponents() {}

  /**
   * Fields whose contents are values sent to the API or shown to users (request options, JSON
   * schemas, parameters, the spec), never components: a {@code type} key inside them is data.
   */
  static final Set<String> VALUE_FIELDS =
      Set.of(
          "request_parameters",
          "request_headers",
          "request_body_json",
          "request_body_data",
          "schema",
          "schemas",
          "connection_specification",
          "advanced_auth",
          "$parameters",
          "parameters",
          "value",
          "values",
          "default",
          "examples",
          "enum",
          "refresh_request_body",
          "refresh_request_headers",
          "token_request_body",
          "login_request_body",
          "map",
          "base_schema",
          "metadata");

  /**
   * Component types the manifest uses that the runtime neither runs nor may skip (the CDK's view
   * when known).
   */
  public static Set<String> unsupported(JsonNode manifest, Optional<ComponentSchema> schema) {
    Set<String> out =
        schema
            .map(s -> s.componentTypes(manifest))
            .orElseGet(
                () -> {
                  Set<String> found = new TreeSet<>();
                  collect(manifest, found);
                  return found;
                });
    out.removeAll(RUN);
    out.removeAll(IGNORED);
    return out;
  }

  /** Without the component schema: every typed object outside value fields. */
  public static Set<String> unsupported(JsonNode manifest) {
    return unsupported(manifest, Optional.empty());
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      JsonNode type = node.get("type");
      if (type != null
          && type.isTextual()
          && !type.asText().isEmpty()
          && Character.isUpperCase(type.asText().charAt(0))) {
        out.add(type.asText());
      }
      node.fields()
          .forEachRemaining(
              f -> {
                if (!VALUE_FIELDS.contains(f.getKey())) {
                  collect(f.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }
}
