package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.PerTestDir;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * run_sql_query as a client calls it, through the {@link ToolAdapter}, against an empty cache file
 * made fresh for each test (register with {@code @RegisterExtension}). Tests that query DuckDB
 * itself rather than synced data each wrote this same set-up and tear-down; this is it once. After
 * each test the cache is closed and its temporary directory deleted.
 */
final class EmptyCacheQueries implements BeforeEachCallback, AfterEachCallback {
  private final PerTestDir workDir = new PerTestDir();
  private ToolHarness harness;
  private ToolAdapter adapter;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, SQLException {
    workDir.create();
    harness =
        new ToolHarness(
            workDir.path(), Map.of(), TestResolvers.pathWithFake(), TestResolvers.NO_DOCKER);
    adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
    Path db = harness.services.cache().dbPath();
    Files.createDirectories(db.getParent());
    try (Connection created = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertTrue(created.isValid(5), "an empty cache file to query");
    }
  }

  /** One run_sql_query call with {@code args}, as the server answers it. */
  CallToolResult query(Map<String, Object> args) {
    return adapter.call(
        harness.tool("run_sql_query"), null, new CallToolRequest("run_sql_query", args));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (harness != null) {
        harness.services.cache().close();
      }
    } finally {
      harness = null;
      workDir.delete();
    }
  }
}
