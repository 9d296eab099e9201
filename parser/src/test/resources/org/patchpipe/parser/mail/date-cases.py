"""Regenerates date-cases.tsv from CPython 3.11 (run: python3 date-cases.py > date-cases.tsv).

Each row: the cleaned Date value (\\uXXXX escapes for non-ASCII), TAB, what Patchwork's
find_date() stores: ISO 8601 UTC, or NOW where it falls back to the current time.
"""
import datetime
import re
from email.utils import mktime_tz, parsedate_tz

CASES = [
    # R4 table
    'Mon, 01 Jan 2024 10:00:00 +0200', 'Mon, 1 Jan 24 10:00 EST', 'Mon, 01 Jan 2024 10:00:00',
    'Mon, 01 Jan 2024 10:00:00 XYZ', 'Mon, 01 Jan 2024 10:00:00 -0000',
    'Jan 01 2024 10:00:00 +0000', 'Monday, 01-Jan-24 10:00:00 GMT', 'Mon, 01 Jan 2024 10.00.00 +0000',
    '2024-01-01T10:00:00Z', '',
    # grammar corners
    'Mon, 45 Jan 2024 10:00:00 +0000', 'Mon, 01 Jan 2024 25:61:61 +0000', 'Mon, 01 Jan 2024 10:00:00 +02',
    'Mon, 01 Jan 2024 10:00:00 -02', 'Mon,01 Jan 2024 10:00:00 +0100', 'Mon 01 Jan 2024 10:00:00 +0100',
    '01 Jan 2024 10:00:00+0100', '01 Jan 2024 10:00:00-0130', '01 Jan 2024 10:00', '01 Jan 2024 10.00',
    '01 Jan 2024 10.00.00.00', '01 Jan 2024 10', 'Jan 2024', '01 January 2024 10:00:00 PDT',
    '01 may 2024 10:00:00 mdt', '01 MAY 2024 10:00:00 cst', '01 Jun 69 10:00:00 +0000',
    '01 Jun 68 10:00:00 +0000', '01 Jun 99 10:00:00 +0000', '01 Jun 100 10:00:00 +0000',
    '01 Jun 0 10:00:00 +0000', '01 Jan 2024, 10:00:00, +0000', '01, Jan 2024 10:00:00 +0000',
    '10:00:00 01 Jan 2024 +0000', '01 Jan 10:00:00 2024 +0000', '01 Jan +0000 10:00:00 2024',
    '01 Jan 2024 10:00:00 +0000 (CET)', 'Tue, 01 Jan 2024 10:00:00 +0000 extra words',
    '01 Jan ,2024 10:00:00', '01 Jan , 10:00:00 +0000', '+1 Jan 2024 10:00:00 +0000',
    '01 Jan 2_024 10:00:00 +0000', '01 Jan 2__024 10:00:00 +0000', '01 Jan 2024_ 10:00:00 +0000',
    '0\u0661 Jan 2024 1\u0660:00:00 +0000', '01 Jan \u00b2024 10:00:00 +0000', '01 Jan 2024 -1:00:00 +0000',
    '01 Jan 2024 10:-5:00 +0000', '01 Jan 0001 00:00:00 +0000', '01 Jan 0001 00:00:00 +0001',
    '31 Dec 9999 23:59:59 +0000', '31 Dec 9999 23:59:59 -0001', '01 Jan 10000 00:00:00 +0000',
    '01 Jan 2024 10:00:00 +99999999999999999999', '01 Jan 2024 10:00:00 -2400', 'Mon Jan',
    '01 Foo 2024 10:00:00 +0000', 'Jan Foo 2024 10:00:00', 'mon', 'Mon,', ', , , , ,',
    '01 Jan 2024 10:00:00 +0000,', '1-Jan-2024 10:00:00 +0000', 'x,1-Jan-2024 10:00:00 +0000',
    '01 Jan 2024 10:00:00 \u00b1', 'Mon, 29 Feb 2023 10:00:00 +0000', '00 Jan 2024 00:00:00 +0000',
    '01 Jan 2024 10:00:00 +1260', '01 Jan 2024 10:00:00 Z', '01 Jan 2024 10:00:00 ut',
    # Patchwork's fuzz mails (cleaned)
    ', 11 Sep 2016 23:20407080403080105:04 +0100', 'Wed, 4 Jun 207777777777777777777714 17:50:46 0',
    'Wg>', ', 1 Jun 2016 22:00:54 +0200', 'Wed, 4 Jun 2014 17:50:\ufffd\ufffd\ufffd\ufffd',
    ', 11 Sep 2016 23:22:904070804030804 +0100',
]


def stored(h):
    if not h:
        return 'NOW'
    t = parsedate_tz(h)
    if not t:
        return 'NOW'
    try:
        return datetime.datetime.utcfromtimestamp(mktime_tz(t)).isoformat()
    except (OverflowError, ValueError, OSError):
        return 'NOW'


for case in CASES:
    escaped = re.sub(r'[^\x20-\x7e]', lambda m: '\\u%04x' % ord(m.group()), case)
    print('%s\t%s' % (escaped, stored(case)))
