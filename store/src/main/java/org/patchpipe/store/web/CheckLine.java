package org.patchpipe.store.web;

import java.util.Locale;
import org.patchpipe.store.db.CheckRepository.CheckRow;

/**
 * One check as the patch page shows it. The target URL is a link only when it is http or https:
 * a check's URL comes from a bot, and {@code javascript:} or {@code data:} must never be clickable.
 *
 * @param state Patchwork's state name (pending, success, warning, fail)
 * @param href the target URL when it may be a link, else empty
 * @param targetUrl the target URL as reported (shown as text when it may not be a link)
 */
public record CheckLine(String state, String context, String description, String href, String targetUrl, String user,
    String date) {
  private static final String[] STATES = {"pending", "success", "warning", "fail"};

  static CheckLine of(CheckRow row) {
    String url = row.targetUrl() == null ? "" : row.targetUrl();
    String lower = url.toLowerCase(Locale.ROOT);
    boolean linkable = lower.startsWith("https://") || lower.startsWith("http://");
    String state = row.state() >= 0 && row.state() < STATES.length ? STATES[row.state()] : "pending";
    return new CheckLine(state, row.context() == null ? "" : row.context(),
        row.description() == null ? "" : row.description(), linkable ? url : "", url, row.user().username(),
        row.date().toLocalDate().toString());
  }
}
