package org.patchpipe.cli;

import java.util.Optional;
import org.patchpipe.parser.RawMessage;

/**
 * The command package's List-Id reading (R2.2, {@link ParseListId}) opened to {@code bench parse},
 * which lives in {@code org.patchpipe.cli.bench} and must name a project the way {@code parse} does.
 * A bridge only: once the parser exports the rule (issue 10, item 4) the benchmark calls that and
 * this class goes.
 */
public final class ListIds {
  private ListIds() {}

  /** The message's List-Id as {@code parse} reads it, if it has one. */
  public static Optional<String> find(RawMessage raw) {
    return ParseListId.find(raw);
  }
}
