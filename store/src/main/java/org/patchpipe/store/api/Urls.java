package org.patchpipe.store.api;

/**
 * Builds absolute URLs as Patchwork's {@code request.build_absolute_uri} does: scheme and Host of the
 * request, Patchwork assumed at {@code /}. API links carry the version of the request
 * ({@code /api/1.2/...} or {@code /api/...}); web and download links (R12.6) do not. Immutable.
 *
 * @param origin {@code http://host[:port]} as the client addressed the server
 * @param apiRoot {@code /api/1.2/} or {@code /api/}
 */
public record Urls(String origin, String apiRoot) {

  /** The latest API version Patchwork serves at the unversioned {@code /api/} root: 1.4. */
  public static final int LATEST_MINOR = 4;

  /** The 1.x minor version of this request: from {@code /api/1.x/}, or the latest for {@code /api/}. */
  public int minorVersion() {
    if (apiRoot.length() > "/api/1.".length() && apiRoot.startsWith("/api/1.")) {
      return apiRoot.charAt("/api/1.".length()) - '0';
    }
    return LATEST_MINOR;
  }

  /** An API link, {@code relative} without a leading slash: {@code patches/1/}. */
  public String api(String relative) {
    return origin + apiRoot + relative;
  }

  /**
   * An unversioned API link. Patchwork builds the {@code comments} and {@code checks} links of
   * patches and covers with {@code reverse()} and no version, so they read {@code /api/patches/1/...}
   * under every version; clients follow them as given.
   */
  public String unversioned(String relative) {
    return origin + "/api/" + relative;
  }

  /** A site link, {@code path} starting with a slash. */
  public String site(String path) {
    return origin + path;
  }

  public String patchWeb(String linkName, String msgid) {
    return site("/project/" + linkName + "/patch/" + PercentCoding.msgidPath(msgid) + "/");
  }

  public String coverWeb(String linkName, String msgid) {
    return site("/project/" + linkName + "/cover/" + PercentCoding.msgidPath(msgid) + "/");
  }

  public String seriesWeb(String linkName, long seriesId) {
    return site("/project/" + linkName + "/list/?series=" + seriesId);
  }

  /** A bundle's page, site-relative: {@code /bundle/<owner>/<name>/}, each quoted as Django's {@code reverse()} does. */
  public static String bundlePath(String owner, String name) {
    return "/bundle/" + PercentCoding.encodePath(owner) + "/" + PercentCoding.encodePath(name) + "/";
  }

  public String seriesMbox(long seriesId) {
    return site("/series/" + seriesId + "/mbox/");
  }

  /**
   * A project's {@code list_archive_url} for a message: the format with each {@code {}} replaced
   * by the bare Message-ID, or null when the project has no format.
   */
  public static String listArchiveUrl(String format, String msgid) {
    if (format == null || format.isEmpty()) {
      return null;
    }
    return format.replace("{}", PercentCoding.stripBrackets(msgid));
  }
}
