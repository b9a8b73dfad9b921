package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Version;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start after install, as the catalog alias runs it: a jar, the JVM asked by JBang's CDS
 * to record a class-data archive into a folder nobody created, and the README's {@code --warm-up}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FirstStartTest {
  @TempDir Path dir;

  private record Run(int code, String stdout, String stderr) {}

  @Test
  void theWarmUpRunsOneSessionAndPrintsOnlyItsReadyLine() throws Exception {
    Run r = run(List.of(), "--warm-up");
    assertEquals(0, r.code(), r.stderr());
    assertTrue(
        r.stdout()
            .matches(
                "airbyte-mcp "
                    + Version.VERSION.replace(".", "\\.")
                    + " is ready: [1-9][0-9]* tools listed in [0-9.]+ s \\(Java .+\\)\\.\\R"),
        "the warm-up prints one line naming the tool count: " + r.stdout());
  }

  @Test
  void theWarmUpNamesTheSettingsItRanWithSoAUserCanCheckThem() throws Exception {
    Path dotenv =
        Files.writeString(dir.resolve("secrets.env"), "VENDOR_TOKEN=tok-9f8e7d6c5b4a\nOTHER=x\n");

    Run r = run(List.of(), Map.of("AIRBYTE_MCP_ENV_FILE", dotenv.toString()), "--warm-up");

    assertEquals(0, r.code(), r.stderr());
    assertTrue(
        r.stderr().contains("project dir " + dir.resolve("project")),
        "the warm-up names the project dir it used: " + r.stderr());
    assertTrue(
        r.stderr().contains("Read 2 names from the dotenv file " + dotenv),
        "the warm-up names the dotenv file it read and how many names: " + r.stderr());
    assertFalse(r.stderr().contains("9f8e7d6c5b4a"), "a value was shown: " + r.stderr());
  }

  @Test
  void theWarmUpWithoutADotenvFileSaysSo() throws Exception {
    Run r = run(List.of(), "--warm-up");

    assertTrue(
        r.stderr().contains("No dotenv file: AIRBYTE_MCP_ENV_FILE is not set."),
        "the warm-up says no dotenv file was read: " + r.stderr());
  }

  @Test
  void aFirstStartRecordsTheClassDataArchiveInTheFolderJbangNamesAndSaysSo() throws Exception {
    Path archive = dir.resolve("jbang-cache/jars/airbyte-mcp.jar.0123/airbyte-mcp.jar.jsa");
    Run r =
        run(
            List.of(
                "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:disable",
                "-Xlog:all=warning,cds*=error:stderr"),
            "--version");
    assertEquals(0, r.code(), "the JVM failed as it exited: " + r.stderr());
    assertTrue(r.stdout().startsWith("airbyte-mcp " + Version.VERSION), r.stdout());
    assertTrue(Files.size(archive) > 0, "no archive was recorded at " + archive);
    assertTrue(
        r.stderr().contains("first start: recording the classes"),
        "stderr says what happens: " + r.stderr());
  }

  @Test
  void aFirstStartThatOnlyPrintsTheVersionSaysHowToRecordAUsefulArchive() throws Exception {
    Path archive = dir.resolve("jbang-cache/jars/airbyte-mcp.jar.0123/airbyte-mcp.jar.jsa");
    Run r = run(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable"), "--version");
    assertEquals(0, r.code(), r.stderr());
    assertTrue(
        r.stderr().contains("run `jbang cache clear`, then the same command with --warm-up"),
        r.stderr());
  }

  /**
   * The server from a jar of target/classes (the JVM archives classes from jars only), output to
   * files.
   */
  private Run run(List<String> jvmOptions, String flag) throws IOException, InterruptedException {
    return run(jvmOptions, Map.of(), flag);
  }

  private Run run(List<String> jvmOptions, Map<String, String> env, String flag)
      throws IOException, InterruptedException {
    Path classes = SharedData.projectRoot().resolve("target/classes");
    Prerequisites.require(Files.isDirectory(classes), "target/classes (run the tests with Maven)");
    Path jar = dir.resolve("airbyte-mcp.jar");
    if (!Files.exists(jar)) {
      assertEquals(
          0,
          ToolProvider.findFirst("jar")
              .orElseThrow()
              .run(
                  System.out,
                  System.err,
                  "--create",
                  "--file",
                  jar.toString(),
                  "-C",
                  classes.toString(),
                  "."));
    }
    String classPath =
        jar
            + File.pathSeparator
            + String.join(
                File.pathSeparator,
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                    .filter(entry -> entry.endsWith(".jar"))
                    .toList());
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, "airbytemcp.server.Launcher", flag));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    pb.environment().remove("AIRBYTE_MCP_ENV_FILE");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
