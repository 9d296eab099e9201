/**
 * Series, cover letters and comment parents: the part of Patchwork's parsing that depends on mail
 * seen earlier (R1.5, R3.2, R7.3, R7.4, R9.2, R11). {@link org.patchpipe.parser.series.SeriesTracker}
 * is a deterministic function of the mail in arrival order and a {@link
 * org.patchpipe.parser.series.SeriesState}, the persistence boundary: {@link
 * org.patchpipe.parser.series.InMemorySeriesState} serves tests and the {@code parse} command, the
 * store module supplies a PostgreSQL one. Any module may import this package; it depends on the
 * parser records only.
 */
package org.patchpipe.parser.series;
