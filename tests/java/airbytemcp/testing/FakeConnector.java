package airbytemcp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The test connector (tests/resources/fake-connector) in the three shapes the executors run: a
 * program on a PATH, a Docker image built locally without any registry, and a Python wheel
 * installed from a local folder. Each shape is built once per test JVM.
 */
public final class FakeConnector {
  public static final String NAME = "source-fake";
  public static final String VERSION = "0.1.0";

  /** Tagged like a registry image, so the resolver's default image name finds it locally. */
  public static final String IMAGE = "airbyte/" + NAME + ":" + VERSION;

  private static final String JRE_IMAGE = "airbyte-mcp-test/jre:17";

  private static Path classes;
  private static Path binDir;
  private static boolean imageBuilt;
  private static Path wheelDir;

  private FakeConnector() {}

  /**
   * A folder with an executable {@code source-fake} that runs the compiled test connector on this
   * JVM.
   */
  public static synchronized Path binDir() {
    if (binDir == null) {
      try {
        Path dir = RunFolders.create("fake-bin");
        Path script = dir.resolve(NAME);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(
            script,
            "#!/bin/sh\nexec '"
                + java
                + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + compiled()
                + "' FakeSource \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        binDir = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return binDir;
  }

  public static Path program() {
    return binDir().resolve(NAME);
  }

  /**
   * A {@code source-fake} in {@code bin} (created) that runs {@code shellFirst} (shell lines, which
   * may answer a command themselves and exit) and then the fake connector: a connector that
   * misbehaves in one way, put first on the server's PATH. Returns {@code bin}.
   */
  public static Path wrapped(Path bin, String shellFirst) {
    try {
      Files.createDirectories(bin);
      Path wrapper = bin.resolve(NAME);
      Files.writeString(wrapper, "#!/bin/sh\n" + shellFirst + "exec '" + program() + "' \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An image the engine cannot pull: it names a registry on a loopback port nothing listens on, so
   * the pull is refused on this machine instead of asking Docker Hub (tests never leave loopback).
   */
  public static String unpullableImage() {
    try (ServerSocket socket =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return "127.0.0.1:" + socket.getLocalPort() + "/airbyte-mcp-test/no-such-image:0.0.0";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean dockerReachable() {
    return TestContainers.dockerAvailable();
  }

  /**
   * Builds {@link #IMAGE} with Testcontainers: a jlink'd JRE imported as a base image (no pull),
   * plus the connector's classes, labelled with this test session so that every container run from
   * it is found by the leak check.
   */
  public static synchronized String dockerImage() {
    if (!imageBuilt) {
      if (!TestContainers.imageIsLocal(JRE_IMAGE)) {
        try {
          buildJreImage();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      new ImageFromDockerfile(IMAGE, false)
          .withFileFromPath("app", compiled())
          .withFileFromString(
              "Dockerfile",
              "FROM "
                  + JRE_IMAGE
                  + "\n"
                  + TestContainers.labelLine()
                  + "COPY app /app\n"
                  + "ENTRYPOINT [\"/opt/java/bin/java\",\"-XX:TieredStopAtLevel=1\",\"-XX:+UseSerialGC\",\"-Xshare:auto\","
                  + "\"-cp\",\"/app\",\"FakeSource\"]\n")
          .get();
      imageBuilt = true;
    }
    return IMAGE;
  }

  /**
   * A folder holding the wheel of the Python test connector (package airbyte-source-fake, program
   * source-fake).
   */
  public static synchronized Path wheelDir() {
    if (wheelDir == null) {
      try {
        Path dir = RunFolders.create("fake-wheel");
        writeWheel(dir.resolve("airbyte_source_fake-" + VERSION + "-py3-none-any.whl"));
        wheelDir = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return wheelDir;
  }

  /** Pip settings that install from the wheel folder only, never from an index. */
  public static Map<String, String> offlinePip() {
    return Map.of(
        "PIP_NO_INDEX",
        "1",
        "PIP_FIND_LINKS",
        wheelDir().toString(),
        "PIP_DISABLE_PIP_VERSION_CHECK",
        "1");
  }

  /**
   * Connector containers still present on the engine (running or not); they must all be gone after
   * each run.
   */
  public static List<String> leftoverContainers() {
    String out =
        exec(Map.of(), "docker", "ps", "-aq", "--filter", "label=dev.airbytemcp.connector");
    return out.isBlank() ? List.of() : List.of(out.strip().split("\\s+"));
  }

  private static synchronized Path compiled() {
    if (classes == null) {
      try {
        Path out = RunFolders.create("fake-classes");
        Path source = TestResources.resource("fake-connector/FakeSource.java");
        int code =
            ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", out.toString(), source.toString());
        if (code != 0) {
          throw new IllegalStateException("could not compile " + source);
        }
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        classes = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return classes;
  }

  private static void buildJreImage() throws IOException {
    Path work = Files.createTempDirectory("jre-rootfs");
    Path root = work.resolve("rootfs");
    Path javaHome = Path.of(System.getProperty("java.home"));
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("etc"));
    List<String> jlink = new ArrayList<>(List.of(javaHome.resolve("bin/jlink").toString()));
    if (Files.isDirectory(javaHome.resolve("jmods"))) {
      jlink.addAll(List.of("--module-path", javaHome.resolve("jmods").toString()));
    }
    jlink.addAll(
        List.of(
            "--add-modules",
            "java.base",
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--output",
            root.resolve("opt/java").toString()));
    exec(Map.of(), jlink.toArray(String[]::new));
    exec(Map.of(), root.resolve("opt/java/bin/java").toString(), "-Xshare:dump");
    // the host's shared libraries the JRE links against; the image only ever runs on this host's
    // kind
    List<Path> binaries = new ArrayList<>(List.of(root.resolve("opt/java/bin/java")));
    try (Stream<Path> files = Files.walk(root.resolve("opt/java/lib"))) {
      files.filter(p -> p.toString().endsWith(".so")).forEach(binaries::add);
    }
    for (Path binary : binaries) {
      for (String token : exec(Map.of(), "ldd", binary.toString()).split("\\s+")) {
        if (token.startsWith("/")
            && !token.startsWith(root.toString())
            && Files.exists(Path.of(token))) {
          Path target = root.resolve(token.substring(1));
          Files.createDirectories(target.getParent());
          if (!Files.exists(target)) {
            Files.copy(Path.of(token), target);
          }
        }
      }
    }
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
    Path tar = work.resolve("rootfs.tar");
    exec(Map.of(), "tar", "-C", root.toString(), "-cf", tar.toString(), ".");
    exec(
        Map.of(),
        "docker",
        "import",
        "--change",
        "ENV JAVA_HOME=/opt/java",
        tar.toString(),
        JRE_IMAGE);
    exec(Map.of(), "rm", "-rf", work.toString());
  }

  private static void writeWheel(Path wheel) throws IOException {
    String distInfo = "airbyte_source_fake-" + VERSION + ".dist-info/";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "airbyte_source_fake/__init__.py",
        Files.readAllBytes(
            TestResources.resource("fake-connector/python/airbyte_source_fake/__init__.py")));
    files.put(
        distInfo + "METADATA",
        ("Metadata-Version: 2.1\nName: airbyte-source-fake\nVersion: " + VERSION + "\n")
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        distInfo + "WHEEL",
        "Wheel-Version: 1.0\nGenerator: airbyte-mcp-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        distInfo + "entry_points.txt",
        ("[console_scripts]\n" + NAME + " = airbyte_source_fake:main\n")
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      record
          .append(f.getKey())
          .append(",sha256=")
          .append(sha256(f.getValue()))
          .append(',')
          .append(f.getValue().length)
          .append('\n');
    }
    record.append(distInfo).append("RECORD,,\n");
    files.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a command; its stdout, or an exception with its output when it fails or runs over 5
   * minutes.
   */
  static String exec(Map<String, String> env, String... command) {
    ChildProcess.Result result = ChildProcess.run(Duration.ofMinutes(5), List.of(command), env);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          String.join(" ", command)
              + (result.timedOut() ? " timed out: " : " failed: ")
              + result.output());
    }
    return result.stdout();
  }
}
