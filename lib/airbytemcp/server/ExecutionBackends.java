package airbytemcp.server;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which ways of running connectors this machine offers, as far as can be told without running them. */
final class ExecutionBackends {
  private ExecutionBackends() {}

  static Map<String, Boolean> available() {
    Map<String, Boolean> backends = new LinkedHashMap<>();
    backends.put("native", true);
    backends.put("docker", onPath("docker") || new File("/var/run/docker.sock").exists());
    backends.put("python", onPath("python3") || onPath("uv"));
    return backends;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
