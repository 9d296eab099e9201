package org.patchpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.patchpipe.commits.RevisionLink;
import org.patchpipe.commits.RevisionLinker;
import org.patchpipe.commits.RevisionReport;
import org.patchpipe.commits.SeriesMail;
import org.patchpipe.commits.SeriesRevision;
import org.patchpipe.commits.SeriesRevisions;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.MailSourceKind;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ListIds;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.SeriesTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code patchpipe revisions report}: reads an archive through the parser and series tracker in
 * memory and prints how many series are linked to an earlier version, with a sample to check by
 * hand. Touches no database.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Read a list archive through the parser and series tracker in memory (no database) and print"
          + " how many series are a new revision of an earlier one, by which rule, and an evenly spread"
          + " sample of links with both series' names, submitters, versions and dates.",
    },
    footer = {"", "Example:", "  patchpipe revisions report --list-id linux-efi.vger.kernel.org linux-efi.mbox.gz"})
final class RevisionsReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--list-id", paramLabel = "ID",
      description = "The project's list id, e.g. openrisc.lists.librecores.org (default: the first message's List-Id).")
  String listId;

  @Option(names = "--sample", paramLabel = "N", defaultValue = "20",
      description = "How many links to print (default: ${DEFAULT-VALUE}).")
  int sample;

  @Parameters(arity = "1", paramLabel = "ARCHIVE",
      description = "An mbox (mboxo or mboxrd, .gz too), a Maildir, a folder of messages or a public-inbox epoch.")
  Path archive;

  @Override
  public Integer call() {
    if (sample < 0) {
      throw new UserError("--sample must be 0 or more");
    }
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    InMemorySeriesState state = new InMemorySeriesState();
    SeriesTracker tracker = new SeriesTracker(state, Clock.system(ZoneOffset.UTC), false);
    List<SeriesMail> mails = new ArrayList<>();
    Map<Long, String> firstNames = new LinkedHashMap<>();
    Project project = null;
    long arrival = 0;
    try (MailSource source = MailSourceKind.open(archive, Optional.empty())) {
      for (Optional<SourcedMessage> next = source.next(); next.isPresent(); next = source.next()) {
        SourcedMessage message = next.get();
        if (message.defect() != null) {
          continue;
        }
        if (project == null) {
          project = project(message);
        }
        Placement placed = tracker.place(1, arrival++, parser.parse(message.raw(), project));
        collect(placed, mails, firstNames);
      }
      Optional<String> failure = source.failure();
      if (failure.isPresent()) {
        throw new UserError(archive + ": " + failure.get());
      }
    } catch (NoSuchFileException e) {
      throw new UserError(archive + ": no such file or directory");
    } catch (IOException e) {
      throw new UserError(archive + ": " + e.getMessage(), e);
    }
    Map<Long, String> names = new LinkedHashMap<>();
    for (var series : state.allSeries()) {
      names.put(series.id(), series.name() != null ? series.name() : firstNames.get(series.id()));
    }
    List<SeriesRevision> revisions = new SeriesRevisions().addAll(mails).revisions();
    List<RevisionLink> links = new RevisionLinker().link(revisions);
    PrintWriter out = spec.commandLine().getOut();
    out.print(RevisionReport.of(archive.getFileName().toString(), revisions, links, names, sample));
    out.flush();
    return ExitCodes.OK;
  }

  private static void collect(Placement placed, List<SeriesMail> mails, Map<Long, String> firstNames) {
    if (placed.series() == null || (placed.kind() != Placement.Kind.PATCH && placed.kind() != Placement.Kind.COVER)) {
      return;
    }
    if (!(placed.mail() instanceof ParsedMail.Kept kept)) {
      return;
    }
    Envelope envelope = kept.envelope();
    String content = kept.content();
    mails.add(new SeriesMail(placed.series().id(), placed.series().version(), envelope.submitter().email(),
        placed.date(), envelope.msgid(), envelope.subject().name(), envelope.references(), content));
    firstNames.putIfAbsent(placed.series().id(), envelope.subject().name());
  }

  private Project project(SourcedMessage first) {
    String id = listId != null ? listId : ListIds.find(first.raw()).orElse(null);
    if (id == null) {
      throw new UserError("the first message has no List-Id header: pass --list-id ID");
    }
    int dot = id.indexOf('.');
    String link = dot > 0 ? id.substring(0, dot) : id;
    String email = dot > 0 ? link + "@" + id.substring(dot + 1) : id;
    return new Project(link, id, email);
  }
}
