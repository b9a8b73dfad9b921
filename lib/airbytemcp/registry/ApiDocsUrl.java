package airbytemcp.registry;

/** A link to documentation about a connector or the API behind it. */
public record ApiDocsUrl(
    String title, String url, String source, String docType, boolean requiresLogin) {}
