package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Message-IDs in URLs (R12.6) and DRF's re-encoding of query strings in pagination links. */
class UrlEncodingTest {
  @Test
  void msgidPathFollowsR126() {
    assertEquals("a%252Fb+c=d%25e%20f%22g@x", PercentCoding.msgidPath("<a/b+c=d%e f\"g@x>"));
    assertEquals("20190506131621.29929-2-shorne@gmail.com",
        PercentCoding.msgidPath("<20190506131621.29929-2-shorne@gmail.com>"));
    assertEquals("caf%C3%A9@x", PercentCoding.msgidPath("<<café@x>>"));
  }

  @Test
  void pathDecodingIsTheInverseForOneRound() {
    assertEquals("a%2Fb+c=d%e f\"g@x", PercentCoding.decode("a%252Fb+c=d%25e%20f%22g@x"));
    assertEquals("100%", PercentCoding.decode("100%"), "a malformed escape stays");
  }

  @Test
  void queryIsReencodedSortedWithQuotePlus() {
    QueryString q = QueryString.parse("state=new&msgid=a%40b&since=2022-09-19T10:00:14&state=rfc&q=two+words");
    assertEquals("msgid=a%40b&q=two+words&since=2022-09-19T10%3A00%3A14&state=new&state=rfc", q.encodeSorted());
    assertEquals("rfc", q.get("state"));
    assertEquals(java.util.List.of("new", "rfc"), q.all("state"));
  }

  @Test
  void paginationReadsPerPageAsDrfDoes() {
    assertEquals(new Pagination(1, 30), Pagination.of(QueryString.parse(""), false));
    assertEquals(new Pagination(2, 250), Pagination.of(QueryString.parse("page=2&per_page=1000"), false));
    assertEquals(new Pagination(1, 30), Pagination.of(QueryString.parse("per_page=abc"), false));
    assertEquals(new Pagination(1, 30), Pagination.of(QueryString.parse("per_page=5"), true), "fixed size");
    assertEquals(3, new Pagination(Integer.MAX_VALUE, 30).resolve(61), "page=last");
  }

  @Test
  void datesRenderAsPythonIsoformat() {
    assertEquals("2019-05-06T13:16:20", Dates.iso(java.time.LocalDateTime.of(2019, 5, 6, 13, 16, 20)));
    assertEquals("2026-11-27T09:11:38.655137", Dates.iso(java.time.LocalDateTime.of(2026, 11, 27, 9, 11, 38, 655137000)));
  }
}
