package org.patchpipe.store.web;

import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.xmlrpc.XmlRpcEndpoint;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.ProjectRow;

/**
 * {@code GET /project/<linkname>/pwclientrc/}: the sample {@code ~/.pwclientrc} Patchwork serves
 * (its {@code patchwork/pwclientrc} template), as a {@code text/plain} attachment: the project's
 * section pointing pwclient at this server's XML-RPC endpoint, and the signed-in user's name with
 * a placeholder for the password. An unknown link name is 404.
 */
public final class PwclientrcPage {
  private final ApiDatabase db;

  public PwclientrcPage(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse handle(ApiRequest request) {
    ProjectRow project = db.read(c -> new ProjectRepository(c).byLinkName(request.param(0)))
        .orElseThrow(ApiException::notFound);
    Viewer viewer = Viewer.of(request);
    String origin = request.urls().origin();
    String ln = project.linkName();
    StringBuilder rc = new StringBuilder()
        .append("# Sample .pwclientrc file for the ").append(ln).append(" project,\n")
        .append("# running on ").append(host(origin)).append(".\n")
        .append("#\n")
        .append("# Just append this file to your existing ~/.pwclientrc\n")
        .append("# If you do not already have a ~/.pwclientrc, then copy this file to\n")
        .append("# ~/.pwclientrc, and uncomment the following two lines:\n")
        .append("# [options]\n")
        .append("# default=").append(ln).append("\n\n")
        .append('[').append(ln).append("]\n")
        .append("url = ").append(origin).append(XmlRpcEndpoint.PATH).append('\n');
    viewer.user().ifPresent(user -> rc
        .append("username = ").append(user.username().replaceAll("[\\r\\n]", "")).append('\n')
        .append("password = <add your patchwork password here>\n"));
    return ApiResponse.text("text/plain", rc.toString(), ".pwclientrc");
  }

  private static String host(String origin) {
    int scheme = origin.indexOf("://");
    return scheme < 0 ? origin : origin.substring(scheme + 3);
  }
}
