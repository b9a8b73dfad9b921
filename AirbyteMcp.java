///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION MCP server for Airbyte: connector registry, local syncs into DuckDB, Airbyte Cloud operations.
//DEPS io.modelcontextprotocol.sdk:mcp-core:2.1.0
//DEPS io.modelcontextprotocol.sdk:mcp-json-jackson2:2.1.0
//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.1
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.21.1
//DEPS com.squareup.okhttp3:okhttp:4.12.0
//DEPS org.postgresql:postgresql:42.7.14
//DEPS org.slf4j:slf4j-simple:2.0.17
//DEPS org.duckdb:duckdb_jdbc:1.4.4.0
//DEPS com.github.docker-java:docker-java-core:3.7.1
//DEPS com.github.docker-java:docker-java-transport-httpclient5:3.7.1
//DEPS org.apache.httpcomponents.client5:httpclient5:5.5.1
//DEPS org.apache.tomcat.embed:tomcat-embed-core:11.0.27
//DEPS com.hubspot.jinjava:jinjava:2.7.4
//DEPS com.nimbusds:nimbus-jose-jwt:10.10
//DEPS com.nulab-inc:zxcvbn:1.9.0
//DEPS com.google.guava:guava:33.4.8-jre
//SOURCES lib/**.java
//FILES airbytemcp/views/assets/=lib/airbytemcp/views/assets/*
//JAVAC_OPTIONS -XDstringConcat=inline
//RUNTIME_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -Xlog:all=warning,cds*=error:stderr -Dorg.slf4j.simpleLogger.logFile=System.err -Dorg.slf4j.simpleLogger.showDateTime=true

/** JBang entry of airbyte-mcp; everything lives in lib/. */
public class AirbyteMcp {
  public static void main(String[] args) {
    airbytemcp.server.Launcher.main(args);
  }
}
