import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny Airbyte source for tests (JDK only, so it runs on a bare jlink'd JRE). Streams: users
 * (incremental on updated_at, primary key id) and orders (full refresh). The config's "mode" picks
 * a behaviour: ok, trace_error, crash, slow, wrong_key, or killed_midway (dies like a killed
 * process after two states of a read). "restart": true ignores the state (records come again, to be
 * merged), and "label" is added to every user's name. It prints noise on stdout and echoes its
 * api_key in logs and errors, so tests can check that the server masks it.
 */
public class FakeSource {
  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String config = fileArg(args, "--config");
    String catalog = fileArg(args, "--catalog");
    String state = fileArg(args, "--state");
    System.out.println("fake source starting: " + command); // noise: not JSON
    System.out.println("{\"not\":\"a message\"}"); // noise: JSON without a type
    String mode = text(config, "mode", "ok");
    String key = text(config, "api_key", "");
    switch (command) {
      case "spec" -> spec();
      case "check" -> {
        log("checking with key " + key);
        slowOrFail(mode, key);
        boolean ok = !"wrong_key".equals(mode);
        emit(
            "{\"type\":\"CONNECTION_STATUS\",\"connectionStatus\":{\"status\":\""
                + (ok ? "SUCCEEDED" : "FAILED")
                + "\",\"message\":\""
                + (ok ? "all good" : "key " + key + " was refused")
                + "\"}}");
      }
      case "discover" -> {
        slowOrFail(mode, key);
        emit(
            "{\"type\":\"CATALOG\",\"catalog\":{\"streams\":["
                + "{\"name\":\"users\",\"json_schema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
                + "\"name\":{\"type\":\"string\"},\"updated_at\":{\"type\":\"integer\"}}},"
                + "\"supported_sync_modes\":[\"full_refresh\",\"incremental\"],\"source_defined_cursor\":true,"
                + "\"default_cursor_field\":[\"updated_at\"],\"source_defined_primary_key\":[[\"id\"]]},"
                + "{\"name\":\"orders\",\"json_schema\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}},"
                + "\"supported_sync_modes\":[\"full_refresh\"]}]}}");
      }
      case "read" -> read(config, catalog, state, mode, key);
      case "write" -> write();
      default -> {
        System.err.println("unknown command " + command);
        System.exit(2);
      }
    }
  }

  static void spec() {
    emit(
        "{\"type\":\"SPEC\",\"spec\":{\"documentationUrl\":\"https://example.invalid/fake\",\"connectionSpecification\":"
            + "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"required\":[\"api_key\"],"
            + "\"properties\":{\"api_key\":{\"type\":\"string\",\"airbyte_secret\":true},"
            + "\"mode\":{\"type\":\"string\",\"enum\":[\"ok\",\"trace_error\",\"crash\",\"slow\",\"wrong_key\","
            + "\"killed_midway\"]},\"restart\":{\"type\":\"boolean\"},\"label\":{\"type\":\"string\"},"
            + "\"count\":{\"type\":\"integer\",\"minimum\":0}}}}}");
  }

  static void read(String config, String catalog, String state, String mode, String key)
      throws Exception {
    log("reading with key " + key);
    slowOrFail(mode, key);
    int count = Integer.parseInt(text(config, "count", "5"));
    List<String> streams = new ArrayList<>();
    Matcher m = Pattern.compile("\"stream\":\\{\"name\":\"([^\"]+)\"").matcher(catalog);
    while (m.find()) {
      streams.add(m.group(1));
    }
    long now = System.currentTimeMillis();
    for (String stream : streams) {
      if (stream.equals("users")) {
        Matcher s = Pattern.compile("\"updated_at\":(\\d+)").matcher(state);
        boolean restart = "true".equals(text(config, "restart", "false"));
        int from = !restart && s.find() ? Integer.parseInt(s.group(1)) + 1 : 1;
        String label = text(config, "label", "");
        int states = 0;
        for (int i = from; i < from + count; i++) {
          emit(
              "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"emitted_at\":"
                  + now
                  + ",\"data\":{\"id\":"
                  + i
                  + ",\"name\":\"user-"
                  + i
                  + label
                  + "\",\"updated_at\":"
                  + i
                  + "}}}");
          if (mode.equals("killed_midway") && states == 2) {
            System.exit(137);
          }
          if (i % 2 == 0 || i == from + count - 1) {
            states++;
            emit(
                "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
                    + "{\"name\":\"users\"},\"stream_state\":{\"updated_at\":"
                    + i
                    + "}}}}");
          }
        }
      } else if (stream.equals("orders")) {
        for (int i = 1; i <= 3; i++) {
          emit(
              "{\"type\":\"RECORD\",\"record\":{\"stream\":\"orders\",\"emitted_at\":"
                  + now
                  + ",\"data\":{\"order_id\":\"o-"
                  + i
                  + "\"}}}");
        }
      }
    }
  }

  /**
   * As a destination: counts the records on stdin and echoes each STATE once everything before it
   * is "written".
   */
  static void write() throws Exception {
    java.io.BufferedReader in =
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, "UTF-8"));
    int records = 0;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.contains("\"type\":\"RECORD\"")) {
        records++;
      } else if (line.contains("\"type\":\"STATE\"")) {
        emit(line);
      }
    }
    log("wrote " + records + " records");
  }

  static void slowOrFail(String mode, String key) throws Exception {
    switch (mode) {
      case "slow" -> Thread.sleep(120_000);
      case "crash" -> {
        System.err.println(
            "Traceback: connection to https://api.example.invalid?key=" + key + " failed");
        System.exit(3);
      }
      case "trace_error" -> {
        emit(
            "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ERROR\",\"emitted_at\":1,\"error\":{\"message\":"
                + "\"The API rejected key "
                + key
                + "\",\"failure_type\":\"config_error\"}}}");
        System.exit(1);
      }
      default -> {}
    }
  }

  static void log(String message) {
    emit("{\"type\":\"LOG\",\"log\":{\"level\":\"INFO\",\"message\":\"" + message + "\"}}");
  }

  static void emit(String json) {
    System.out.println(json);
    System.out.flush();
  }

  static String fileArg(String[] args, String flag) throws Exception {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(flag)) {
        return Files.readString(Path.of(args[i + 1]));
      }
    }
    return "";
  }

  static String text(String json, String field, String fallback) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
    return m.find() ? m.group(1) : fallback;
  }
}
