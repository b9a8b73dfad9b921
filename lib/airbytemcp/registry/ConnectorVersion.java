package airbytemcp.registry;

import java.util.List;

/** One released version of a connector, as its changelog and the registry tell it. */
public record ConnectorVersion(
    String version,
    String releaseDate,
    String dockerImageUrl,
    String changelogUrl,
    String prUrl,
    String prTitle,
    List<String> parsingErrors) {}
