package org.patchpipe.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.patchpipe.commits.CommitMatchException;
import org.patchpipe.commits.LinkRevisions;
import org.patchpipe.commits.RevisionLink;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchpipe revisions link}: links the revisions of a project's series in the store. */
@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Link every new revision of the project's series in the store to the one before: the series"
          + " link, the patches' relations (the API's \"related\"), and the older revision's patches"
          + " that still await a decision (new, under-review, changes-requested, rfc) set to superseded"
          + " with patch-state-changed events, unless the project's supersede_revisions is false.",
      "Series linked before are left as they are: safe to run again, from a timer or after each import.",
    },
    footer = {"", "Example:", "  patchpipe revisions link --project linux-efi"})
final class RevisionsLinkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Option(names = "--project", required = true, paramLabel = "ID|LINKNAME", description = "The project, by id or link name.")
  String project;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      LinkRevisions.Summary summary = new LinkRevisions(c).run(project);
      PrintWriter out = spec.commandLine().getOut();
      for (RevisionLink link : summary.links()) {
        out.printf("series %d replaces series %d (%s)%n", link.series(), link.previous(), link.reason().wireName());
      }
      out.printf("%d series, %d newly linked, %d patches superseded%n",
          summary.series(), summary.links().size(), summary.superseded());
      out.flush();
      return ExitCodes.OK;
    } catch (CommitMatchException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
