"""CPython reference for patchpipe's differential test (DifferentialCPythonTest).

Patchwork's stateless mail functions (parse_patch, find_content, clean_content, hash_diff,
clean_header/sanitise_header, clean_subject, split_from_header, find_references, parse_version,
parse_series_marker) re-typed from getpatchwork/patchwork and run on CPython 3.11's email package,
reading each mail with email.message_from_binary_file as parsemail does. Usage:

    python3 cpython_reference.py MAIL... > expected.jsonl
"""
import codecs, re, sys, json, hashlib, email
EXT = ('old mode ', 'new mode ', 'deleted file mode ', 'new file mode ', 'copy from ', 'copy to ', 'rename from ', 'rename to ', 'similarity index ', 'dissimilarity index ', 'new file mode ', 'index ')
_hunk_re = re.compile(r'^\@\@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? \@\@')
def parse_patch(content):
    patchbuf = ''; commentbuf = ''; buf = ''; state = 0; lc = (0, 0); hunk = 0
    for line in content.split('\n'):
        line += '\n'
        if state == 0:
            if line.startswith('diff ') or line.startswith('Index: '): state = 1; buf += line
            elif line.startswith('--- '): state = 2; buf += line
            else: commentbuf += line
        elif state == 1:
            buf += line
            if line.startswith('--- '): state = 2
            if line.startswith(EXT): state = 6
        elif state == 2:
            if line.startswith('+++ '): state = 3; buf += line
            elif hunk: state = 1; buf += line
            else: state = 0; commentbuf += buf + line; buf = ''
        elif state == 3:
            match = _hunk_re.match(line)
            if match:
                lc = [1 if not x else int(x) for x in match.groups()]
                state = 4; patchbuf += buf + line; buf = ''
            elif line.startswith('--- '): patchbuf += buf + line; buf = ''; state = 2
            elif hunk and line.startswith('\\ No newline at end of file'): patchbuf += line
            elif hunk: state = 1; buf += line
            else: state = 0; commentbuf += buf + line; buf = ''
        elif state in [4, 5]:
            if line.startswith('-'): lc[0] -= 1
            elif line.startswith('+'): lc[1] -= 1
            elif line.startswith('\\ No newline at end of file'): pass
            else: lc[0] -= 1; lc[1] -= 1
            patchbuf += line
            if lc[0] <= 0 and lc[1] <= 0: state = 3; hunk += 1
            else: state = 5
        elif state == 6:
            if line.startswith(EXT): patchbuf += buf + line; buf = ''
            elif line.startswith('--- '): patchbuf += buf + line; buf = ''; state = 2
            elif line.startswith('GIT binary patch'): patchbuf += buf + line; buf = ''; state = 7
            else: buf += line; state = 1
        elif state == 7:
            if line.startswith('diff'): buf += line; state = 0
            else: patchbuf += buf + line; buf = ''
    commentbuf += buf
    return (patchbuf or None, commentbuf or None)
def find_content(mail):
    res = []
    for part in mail.walk():
        if part.get_content_maintype() != 'text': continue
        payload = part.get_payload(decode=True); subtype = part.get_content_subtype()
        charset = part.get_content_charset()
        if charset is not None:
            try: codecs.lookup(charset)
            except Exception: charset = None
        tries = ['utf-8', 'windows-1252', 'iso-8859-1'] if charset is None else [charset]
        new = None
        for c in tries:
            try: new = payload.decode(c); break
            except UnicodeDecodeError: new = None
        if new is None: continue
        res.append((new, subtype))
    return res
def clean_content(c):
    return re.sub(r'^(-- |_+)\n.*', '', c, flags=re.S | re.M).strip()
def patch_content(mail):
    patchbuf = None; commentbuf = ''
    for payload, subtype in find_content(mail):
        if subtype in ['x-patch', 'x-diff']: patchbuf = payload
        elif subtype == 'plain':
            c = payload
            if not patchbuf: patchbuf, c = parse_patch(payload)
            if c is not None: commentbuf += c.strip() + '\n'
    return patchbuf, clean_content(commentbuf)
def comment_content(mail):
    cb = ''
    for payload, subtype in find_content(mail):
        if not payload or subtype != 'plain': continue
        cb += payload.strip() + '\n'
    return None, clean_content(cb)
def hash_diff(diff):
    filename_re = re.compile(r'^(---|\+\+\+) (\S+)')
    diff = diff.replace('\r', '').strip() + '\n'
    out = []
    for line in diff.split('\n'):
        if len(line) <= 0: continue
        hm = _hunk_re.match(line); fm = filename_re.match(line)
        if fm:
            fn = ('a/' if fm.group(1) == '---' else 'b/') + '/'.join(fm.group(2).split('/')[1:])
            line = fm.group(1) + ' ' + fn
        elif hm:
            line = '@@ -%d +%d @@' % tuple(1 if not x else int(x) for x in hm.groups())
        elif line[0] in ['-', '+', ' ']: pass
        else: continue
        out.append(line)
    return hashlib.sha1(''.join(l + '\n' for l in out).encode('utf-8')).hexdigest()

import re, json, sys
from email.header import decode_header, make_header
from email.errors import HeaderParseError
def normalise_space(value):
    return re.sub(r'\s+', ' ', value).strip()
def sanitise_header(header_contents, header_name=None):
    try:
        value = decode_header(header_contents)
    except HeaderParseError:
        return None
    try:
        header = make_header(value, header_name=header_name, continuation_ws='\t')
    except (UnicodeDecodeError, LookupError, ValueError):
        new_value = []
        for (part, _) in value:
            new_value += [(part, 'unknown-8bit')]
        header = make_header(new_value, header_name=header_name, continuation_ws='\t')
    try:
        header.encode()
    except (HeaderParseError, IndexError):
        return None
    return header
def clean_header(header):
    s = sanitise_header(header)
    if s is None: return None
    return normalise_space(str(s)).replace('\x00','')

import sys, json, re, email, io
def clean_subject(subject, drop):
    re_re = re.compile(r'^(re|fwd?)[:\s]\s*', re.I)
    prefix_re = re.compile(r'^\[([^\]]*)\]\s*(.*)$')
    subject = clean_header(subject)
    if subject is None: raise ValueError('subject')
    drop = [s.lower() for s in drop] + ['patch']
    subject = re_re.sub(' ', subject, count=1)
    subject = normalise_space(subject)
    prefixes = []
    m = prefix_re.match(subject)
    while m:
        tokens = []
        series_re = re.compile(r'^PATCH (\d+ of \d+)(.*)$')
        p = m.group(1)
        mm = series_re.match(p)
        if mm:
            series, p = mm.groups(); tokens.extend(['PATCH', series])
        tokens.extend([t for t in re.split(r'[,\s]+', p) if t != ''])
        prefixes += [t for t in tokens if t.lower() not in drop]
        subject = m.group(2)
        m = prefix_re.match(subject)
    subject = normalise_space(subject)
    if prefixes: subject = '[%s] %s' % (','.join(prefixes), subject)
    return subject, prefixes
VALID = re.compile(r'^[\w!#$%&"*+/=?^`{|}~-]+(?:\.[\w!#$%&"*+/=?^`{|}~-]+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$')
def split_from_header(from_header):
    from_res = [
        (re.compile(r'"?(.*?)"?\s*<([^>]+)>'), (lambda g: (g[0], g[1]))),
        (re.compile(r'(.*?)\sat\s(.*?)\s*\(([^\)]+)\)'), (lambda g: (g[2], '@'.join(g[0:2])))),
        (re.compile(r'"?(.*?)"?\s*\(([^\)]+)\)'), (lambda g: (g[1], g[0]))),
        (re.compile(r'(.*)'), (lambda g: (None, g[0]))),
    ]
    for regex, fn in from_res:
        match = regex.match(from_header)
        if match: return fn(match.groups())
def parse_version(subject, prefixes):
    for p in prefixes:
        m = re.match(r'^[vV](\d+)$', p)
        if m: return int(m.group(1))
    m = re.search(r'\([vV](\d+)\)', subject)
    if m: return int(m.group(1))
    return 1
def parse_series_marker(prefixes):
    for p in prefixes:
        m = re.match(r'.*?([0-9]+)(?:/| of )([0-9]+)$', p)
        if m: return (int(m.group(1)), int(m.group(2)))
    return (None, None)
out = []
for f in sys.argv[1:]:
    r = {'file': f.split('/')[-1]}
    try:
        m = email.message_from_binary_file(open(f, 'rb'))
        if 'Subject' not in m or 'From' not in m or 'Message-Id' not in m:
            r['kind'] = 'missing'
        else:
            mid = clean_header(m.get('Message-Id'))
            r['msgid'] = (re.search(r'<[^>]+>', mid).group(0) if re.search(r'<[^>]+>', mid) else mid)[:255] if mid else None
            name, prefixes = clean_subject(m.get('Subject'), ['test'])
            r['name'] = name[:255]
            h = clean_header(m.get('Subject'))
            reply = bool(h and re.match(r'^(re)[:\s]\s*', h, re.I))
            d, c = comment_content(m) if reply else patch_content(m)
            if d is not None and d == '': d = None
            r['diff'] = d.replace('\x00','') if d else None
            r['content'] = c.replace('\x00','')
            r['hash'] = hash_diff(d) if d else None
            r['kind'] = 'ok'
            f_ = clean_header(m.get('From'))
            r['from'] = None
            if f_:
                nm, em = split_from_header(f_)
                if em and VALID.match(em):
                    r['from'] = [nm.strip()[:255] if nm is not None else None, em.strip()[:255]]
            refs = []
            for v in m.get_all('In-Reply-To') or []:
                c = clean_header(v)
                if not c: continue
                mm = re.search(r'<[^>]+>', c); refs.append(mm.group(0) if mm else c)
            for v in m.get_all('References') or []:
                c = clean_header(v)
                if not c: continue
                ids = re.findall(r'<[^>]+>', c); ids.reverse()
                for i in ids:
                    if i not in refs: refs.append(i)
            r['refs'] = refs
            r['version'] = parse_version(name, prefixes)
            r['marker'] = list(parse_series_marker(prefixes))
    except Exception as e:
        r['kind'] = 'crash ' + type(e).__name__
    out.append(r)
for r in out: print(json.dumps(r))
