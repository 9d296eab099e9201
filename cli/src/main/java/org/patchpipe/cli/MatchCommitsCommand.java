package org.patchpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.patchpipe.commits.CommitMatchException;
import org.patchpipe.commits.MatchCommits;
import org.patchpipe.commits.PatchMatch;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchpipe match-commits}: marks patches accepted from a git branch's history. */
@Command(
    name = "match-commits",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Mark patches accepted from a git branch's history.",
      "",
      "Walks the branch's commits not seen by an earlier run (the last commit walked is remembered"
          + " per project, repository and branch), skips merges, and finds the patches each commit"
          + " carries: by Patchwork's diff hash of the commit's diff, by its stable patch-id"
          + " (git patch-id --stable: survives moved line numbers and whitespace), and by Link: or"
          + " Message-Id: trailers naming a patch's Message-ID (lore.kernel.org/r/..., patch.msgid.link/...).",
      "A matched patch gets the state (default accepted) and the commit as its commit_ref, with a"
          + " patch-state-changed event. A patch already matched is never matched again, and runs on"
          + " one project take turns (a database lock), so it is safe from a git hook and a timer at once.",
    },
    footer = {
      "",
      "Examples:",
      "  patchpipe match-commits --repo ~/src/linux --branch efi/next --project linux-efi",
      "  patchpipe match-commits --repo /srv/git/or1k.git --branch master --project 1 --db jdbc:postgresql://db/patchpipe",
    })
final class MatchCommitsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Option(names = "--repo", required = true, paramLabel = "PATH", description = "The git repository (a work tree or a bare repository).")
  Path repo;

  @Option(names = "--branch", required = true, paramLabel = "BRANCH", description = "The branch to walk, e.g. master or refs/heads/next.")
  String branch;

  @Option(names = "--project", required = true, paramLabel = "ID|LINKNAME", description = "The project, by id or link name.")
  String project;

  @Option(names = "--state", paramLabel = "SLUG", defaultValue = "accepted",
      description = "The state matched patches get (default: ${DEFAULT-VALUE}).")
  String state;

  @Option(names = "--start", paramLabel = "REV",
      description = "On a branch never walked before, start after this commit or tag (e.g. v6.8): older history is not matched.")
  String start;

  @Option(names = "--verbose", description = "Print each match: patch id, commit, and how it was found.")
  boolean verbose;

  @Override
  public Integer call() throws SQLException {
    try (Repository repository = open(repo); StoreRuntime db = database.open(); Connection c = db.connect()) {
      String key = repository.getDirectory().toPath().toAbsolutePath().normalize().toString();
      PrintWriter err = spec.commandLine().getErr();
      MatchCommits.Summary summary = new MatchCommits(c, repository)
          .run(new MatchCommits.Request(project, key, branch, state, start), done -> {
            err.printf("match-commits: %d commits matched ...%n", done);
            err.flush();
          });
      PrintWriter out = spec.commandLine().getOut();
      if (verbose) {
        for (PatchMatch m : summary.matches()) {
          out.printf("patch %d <- %s (%s)%n", m.patchId(), m.commitId(), m.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      long byHash = summary.matches().stream().filter(m -> m.reason() == PatchMatch.Reason.HASH).count();
      long byPatchId = summary.matches().stream().filter(m -> m.reason() == PatchMatch.Reason.PATCH_ID).count();
      long byTrailer = summary.matches().size() - byHash - byPatchId;
      out.printf("%d commits walked up to %s, %d patches marked %s (hash %d, patch-id %d, trailer %d)%n",
          summary.commits(), summary.tip().substring(0, 12), summary.matches().size(), state, byHash, byPatchId, byTrailer);
      out.flush();
      return ExitCodes.OK;
    } catch (CommitMatchException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static Repository open(Path path) {
    try {
      FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(path.toFile()).setMustExist(true);
      if (builder.getGitDir() == null) {
        builder.setGitDir(path.toFile());
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError(path + " is not a git repository: pass --repo a work tree or a bare repository", e);
    }
  }
}
