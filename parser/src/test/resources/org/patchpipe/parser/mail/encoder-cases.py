"""Regenerates encoder-cases.txt from CPython 3.11 (python3 encoder-cases.py > encoder-cases.txt).

Each case is three lines: the header name and its chunks as TAB-separated (label, text) pairs;
'=> ' and what make_header(chunks, header_name=name, continuation_ws='\\t').encode() returns, as
Patchwork's find_headers uses it, or '=> OMIT' where it raises; '?= ' and whether the same without
a header name (clean_header's sanitise_header) encodes at all. Non-printable and non-ASCII
characters are written as \\uXXXX (UTF-16 units, so lone surrogates survive).
"""
import random
from email.errors import HeaderParseError
from email.header import make_header


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if 0x20 <= o < 0x7f and ch != '\\':
            out.append(ch)
        elif o > 0xffff:
            u = ch.encode('utf-16-be')
            out.append('\\u%02x%02x\\u%02x%02x' % tuple(u))
        else:
            out.append('\\u%04x' % o)
    return ''.join(out)


def encode(name, chunks):
    try:
        h = make_header([(t, None if l == 'us-ascii' else l) for l, t in chunks],
                        header_name=name, continuation_ws='\t')
        return h.encode()
    except (HeaderParseError, IndexError):
        return None


def encodable(chunks):
    """sanitise_header without a header name, as clean_header calls it (R0.3 step 4)."""
    try:
        make_header([(t, None if l == 'us-ascii' else l) for l, t in chunks],
                    continuation_ws='\t').encode()
        return True
    except (HeaderParseError, IndexError):
        return False


FIXED = [
    ('From', [('utf-8', 'J\u00f6rg'), ('us-ascii', 'Example <jorg@example.com>')]),
    ('Subject', [('us-ascii', '[PATCH v2 3/7] this is a rather long subject line that will need '
                  'folding because it is long')]),
    ('References', [('us-ascii', '<aaaaaaaaaaaaaaaaaaaaaaaa@example.com> '
                     '<bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@example.com>\n <cccccccccccccccccccccc@example.com>')]),
    ('X-Enc', [('utf-8', '\u00e9xample user'), ('us-ascii', 'and some ascii text'),
               ('iso-8859-1', 'caf\u00e9'), ('us-ascii', 'end')]),
    ('X-Empty', [('us-ascii', '')]),
    ('Subject', [('unknown-8bit', 'MAINTAINERS: Update entry for BCM5301X ARM to include Rafa'
                  '\udcc5\udc82 Mi\udcc5\udc82ecki')]),
    ('X-Long', [('us-ascii', 'x' * 120)]),
    ('X-Long', [('us-ascii', 'a ' + 'x' * 120 + ' b')]),
    ('X-Embedded', [('us-ascii', 'a\nb: c')]),
    ('X-Embedded', [('us-ascii', 'a\n b: c')]),
    ('X-FormFeed', [('us-ascii', 'a\x0cb')]),
    ('X-Tabs', [('us-ascii', 'a\t' * 50)]),
    ('X-Semi', [('us-ascii', 'text/plain; charset="utf-8"; format=flowed; delsp=yes; '
                 'name="a-rather-long-attachment-name.patch"')]),
    ('To', [('us-ascii', 'Alpha Beta <alpha@example.com>, Gamma Delta <gamma@example.com>, '
             'Epsilon <epsilon@example.org>')]),
    ('Subject', [('utf-8', '\u65e5\u672c\u8a9e' * 30)]),
    ('Subject', [('iso-2022-jp', '\u65e5\u672c\u8a9e\u306e\u4ef6\u540d' * 6)]),
    ('Subject', [('euc-jp', '\u65e5\u672c\u8a9e\u306e\u4ef6\u540d' * 6)]),
    ('Subject', [('koi8-r', '\u041f\u0440\u0438\u0432\u0435\u0442 ' * 10)]),
    ('Subject', [('utf8', 'caf\u00e9')]), ('Subject', [('latin1', 'caf\u00e9')]),
    ('Subject', [('latin-1', 'caf\u00e9')]), ('Subject', [('ascii', 'plain')]),
    ('Subject', [('us-ascii', 'a'), ('ascii', 'b')]),
    ('Subject', [('us-ascii', 'caf\u00e9')]),
    ('Subject', [('utf-8', 'a'), ('us-ascii', '(b)'), ('utf-8', 'c')]),
    ('Subject', [('utf-8', 'a'), ('iso-8859-1', 'b')]),
    ('Subject', [('utf-8', ' a '), ('us-ascii', ' b '), ('utf-8', 'c')]),
    ('Subject', [('utf-8', 'line1\nline2\n  line3')]),
    ('Subject', [('utf-8', '\U0001F600' * 20)]),
    ('X-Very-Long-Header-Name-That-Takes-Most-Of-The-Line-Already-Here', [('utf-8', '\u00e9' * 10)]),
    ('X-Very-Long-Header-Name-That-Takes-Most-Of-The-Line-Already-Here-And-More', [('us-ascii', 'word word')]),
    ('X-Very-Long-Header-Name-That-Takes-Most-Of-The-Line-Already-Here-And-More', [('us-ascii', 'wordwordwordwordword')]),
    ('Subject', [('gb2312', '\u4e2d\u6587' * 20)]), ('Subject', [('big5', '\u4e2d\u6587' * 20)]),
    ('Subject', [('windows-1252', '\u20ac uro \u00e9t\u00e9 ' * 8)]),
    ('Subject', [('unknown-8bit', 'caf\udce9'), ('unknown-8bit', 'x')]),
    # Codecs with a byte order mark per encoded word, stateful or multi-byte, or no JDK charset
    ('Subject', [('utf-16', 'caf\u00e9 \u00e9t\u00e9 ' * 6)]),
    ('Subject', [('utf-32', 'caf\u00e9 \u00e9t\u00e9 ' * 6)]),
    ('Subject', [('iso-2022-jp-2', 'caf\u00e9 \u00e9t\u00e9 ' * 6)]),
    ('Subject', [('cp1251', '\u041f\u0440\u0438\u0432\u0435\u0442 ' * 8)]),
    ('Subject', [('mac-roman', 'caf\u00e9 \u00e9t\u00e9 ' * 6)]),
    ('Subject', [('iso-8859-16', 'caf\u00e9 \u0219 ' * 6)]),
    ('Subject', [('cp437', 'caf\u00e9 \u00e9t\u00e9 ' * 6)]),
    ('Subject', [('euc-kr', '\ud55c\uad6d\uc5b4 ' * 10)]),
    ('Subject', [('gbk', '\u4e2d\u6587' * 20)]),
]

ALPHABET = ['a', 'b', 'word', 'x' * 30, ' ', ' ', '  ', '\t', ';', ',', ', ', '; ', '\n', '\n ',
            '\n\t', '\r\n ', '(', ')', '\\', ':', 'Name:', '=', '?', '_', '.', '-']
UNICODE = ['\u00e9', '\u00fc', '\u00df', '\u0142', '\u20ac', '\u65e5', '\u041f', '\U0001F600', '\u00a0',
           '\u2028', '\x85']
LABELS = ['us-ascii', 'us-ascii', 'us-ascii', 'utf-8', 'utf-8', 'iso-8859-1', 'unknown-8bit',
          'koi8-r', 'iso-8859-2', 'utf8', 'windows-1252']


def random_text(rng, label):
    parts = []
    for _ in range(rng.randint(0, 25)):
        if label != 'us-ascii' and rng.random() < 0.3:
            if label == 'unknown-8bit':
                parts.append(chr(0xdc80 + rng.randint(0, 127)))
            else:
                parts.append(rng.choice(UNICODE))
        else:
            parts.append(rng.choice(ALPHABET))
    text = ''.join(parts)
    try:
        if label not in ('us-ascii', 'unknown-8bit'):
            text.encode(label)
    except UnicodeEncodeError:
        text = text.encode(label, 'ignore').decode(label)
    return text


rng = random.Random(20261127)
cases = list(FIXED)
for _ in range(600):
    name = rng.choice(['Subject', 'From', 'To', 'Cc', 'X-A', 'References', 'X-' + 'H' * rng.randint(1, 70)])
    chunks = [(l, random_text(rng, l)) for l in (rng.choice(LABELS) for _ in range(rng.randint(1, 4)))]
    cases.append((name, chunks))

# Single ASCII chunks of short lines: the folder's per-line quirks (trailing single space,
# empty and whitespace-only lines, \x1f) without any splitting.
LINE_BITS = ['a', 'word', ' ', '  ', '\t', ' \t', '\x1f', 'x' * 20, ':', 'b:', ';', ',']
BREAKS = ['\n', '\r\n', '\r', '\x0b', '\x0c', '\x1c', '\x1e', '\n ', '\n\t', '\n\n']
for _ in range(300):
    text = ''.join(rng.choice(LINE_BITS) if rng.random() < 0.75 else rng.choice(BREAKS)
                   for _ in range(rng.randint(1, 14)))
    cases.append((rng.choice(['Received', 'X-' + 'H' * rng.randint(1, 70)]), [('us-ascii', text)]))

for name, chunks in cases:
    print(name + ''.join('\t%s\t%s' % (l, esc(t)) for l, t in chunks))
    result = encode(name, chunks)
    print('=> ' + ('OMIT' if result is None else esc(result)))
    print('?= ' + str(encodable(chunks)).lower())
