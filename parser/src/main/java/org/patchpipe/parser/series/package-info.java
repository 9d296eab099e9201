/**
 * Series, cover letters and comment parents: the part of Patchwork's parsing that depends on mail
 * seen earlier (R1.5, R3.2, R7.3, R7.4, R9.2, R11). {@link org.patchpipe.parser.series.SeriesTracker}
 * is a deterministic function of the mail in arrival order and a {@link
 * org.patchpipe.parser.series.SeriesState}. There is one state mechanism, {@link
 * org.patchpipe.parser.series.InMemorySeriesState}: Patchwork's indexes in memory, filled per
 * project from a {@link org.patchpipe.parser.series.SeriesSource} and sending every change to a
 * {@link org.patchpipe.parser.series.SeriesJournal}. The {@code parse} command runs it alone; the
 * store module loads it from PostgreSQL and journals it back there. Any module may import this
 * package; it depends on the parser records only.
 */
package org.patchpipe.parser.series;
