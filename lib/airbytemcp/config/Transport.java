package airbytemcp.config;

/** How clients reach the server; decides the default of trusted execution. */
public enum Transport {
  STDIO,
  HTTP
}
