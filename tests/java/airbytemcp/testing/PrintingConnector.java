package airbytemcp.testing;

import airbytemcp.connectors.ConnectorEnvironment;
import airbytemcp.connectors.ProcessRunner;
import airbytemcp.connectors.ProtocolConnector;
import airbytemcp.connectors.RunLimits;
import airbytemcp.network.EgressRules;
import airbytemcp.network.UnwatchedEgress;
import airbytemcp.secrets.Masker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real connector process for tests of what the server does with a connector's stdout: a shell
 * program that prints a file's lines, whatever verb it is given, then exits with a code.
 */
public final class PrintingConnector {
  private PrintingConnector() {}

  /**
   * The connector {@code name}, run from {@code folder}, that prints {@code output} and exits with
   * {@code exitCode}.
   */
  public static ProtocolConnector of(
      Path folder, String name, Path output, int exitCode, Masker masker) throws IOException {
    Path program = folder.resolve(name);
    Files.writeString(program, "#!/bin/sh\ncat '" + output + "'\nexit " + exitCode + "\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    return new ProtocolConnector(
        name,
        new ProcessRunner(
            List.of(program.toString()),
            ConnectorEnvironment.NO_USER_SECRETS,
            Map.of(),
            "the test program"),
        folder.resolve("run"),
        masker,
        RunLimits.defaults(),
        new ConcurrentHashMap<>(),
        new UnwatchedEgress(EgressRules.NONE, null));
  }
}
