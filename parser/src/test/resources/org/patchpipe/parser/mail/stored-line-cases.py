"""Regenerates stored-line-cases.txt from CPython 3.11 (python3 stored-line-cases.py > stored-line-cases.txt).

Random raw header values (encoded words with odd charsets, broken Q and B payloads, line breaks)
and what Patchwork makes of each: three lines per case, the name and raw value (TAB-separated),
'=> ' and find_headers' stored line (or OMIT), '~> ' and clean_header's text with NUL removed (or
NONE where undecodable). Values where CPython itself raises (an empty charset label with text) are
left out. Labels utf-16 and iso-2022-jp are left out too: the JDK decodes them unlike Python (byte
order without a BOM, the SO/SI bytes). Non-printable and non-ASCII characters as \\uXXXX.
"""
import random
import re
from email.errors import HeaderParseError
from email.header import decode_header, make_header


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if 0x20 <= o < 0x7f and ch != '\\':
            out.append(ch)
        elif o > 0xffff:
            out.append('\\u%02x%02x\\u%02x%02x' % tuple(ch.encode('utf-16-be')))
        else:
            out.append('\\u%04x' % o)
    return ''.join(out)


def sanitise(value, name):
    """patchwork.parser.sanitise_header."""
    try:
        v = decode_header(value)
    except HeaderParseError:
        return None
    try:
        h = make_header(v, header_name=name, continuation_ws='\t')
    except (UnicodeDecodeError, LookupError, ValueError):
        h = make_header([(p, 'unknown-8bit') for p, _ in v], header_name=name, continuation_ws='\t')
    try:
        h.encode()
    except (HeaderParseError, IndexError):
        return None
    return h


def clean(value):
    h = sanitise(value, None)
    if h is None:
        return None
    return re.sub(r'\s+', ' ', str(h).replace('\x00', '')).strip()


rng = random.Random(7)
WORDS = ['a', 'word', 'x' * 30, ' ', '  ', '\t', ';', ',', '(', ')', '\\', ':', 'b:', '=?', '?=', '_',
         '\n ', '\n\t', '\r\n ', '\x0c', '\x0b', '\x1f']
CHARSETS = ['utf-8', 'UTF-8', 'iso-8859-1', 'latin1', 'latin-2', 'windows-1252', 'cp1252', 'koi8-r',
            'us-ascii', 'ascii', 'x-unknown', 'utf-8*en', 'gb2312', 'big5', 'euc-jp', 'shift_jis',
            'unknown-8bit', '']


def encoded_word():
    encoding = rng.choice('qQbB')
    if encoding in 'qQ':
        body = ''.join(rng.choice(['a', '_', '=C3=A9', '=E9', '=FF', '=3F', '=20', '?', 'b', '=', '=4',
                                   'x' * 20, '=00']) for _ in range(rng.randint(0, 8)))
    else:
        body = ''.join(rng.choice(['w6k=', 'YWJj', 'w6', '4pyT', '/w==', 'AA==', 'a', '====', 'YQ', '!!',
                                   'SGVsbG8gV29ybGQ=']) for _ in range(rng.randint(0, 4)))
    return '=?%s?%s?%s?=' % (rng.choice(CHARSETS), encoding, body)


FIXED = [
    # binascii: a data character after '=' resets the pad count, so this is "Incorrect padding"
    ('Subject', 'a\n\t=?ascii?b?aw6SGVsbG8gV29ybGQ=4pyT?=,?= _=?UTF-8?B?AA==?='),
    # an empty charset label decodes as us-ascii
    ('Subject', 'b: =??Q??=word'),
    ('From', '=?us-ascii?b?!!AA==?==??Q??=:=?_;'),
    # half-width katakana: shift_jis decodes them, iso-2022-jp cannot write them
    ('Subject', '=?shift_jis?B?w6k=?= x'),
    ('Subject', '=?euc-jp?b?jrE=?= x'),
]

count = 0
while count < 1200 + len(FIXED):
    if count < len(FIXED):
        name, value = FIXED[count]
    else:
        parts = [encoded_word() if rng.random() < 0.35 else rng.choice(WORDS)
                 for _ in range(rng.randint(1, 10))]
        value = ''.join(parts).lstrip(' \t')
        name = rng.choice(['Subject', 'From', 'X-' + 'H' * rng.randint(1, 60)])
    try:
        h = sanitise(value, name)
        stored = 'OMIT' if h is None else name + ': ' + h.encode()
        cleaned = clean(value)
    except LookupError:
        continue
    print('%s\t%s' % (name, esc(value)))
    print('=> ' + esc(stored))
    print('~> ' + ('NONE' if cleaned is None else esc(cleaned)))
    count += 1
