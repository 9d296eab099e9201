# Generates MIME-mutated mails from the rules fixtures into /tmp/diff/ms: python3 generate_mime_cases.py SEED COUNT
import random, os, glob, base64, quopri, email, sys
random.seed(int(sys.argv[1]))
N = int(sys.argv[2])
seeds = []
for f in glob.glob('/work/wt/parser-core/parser/src/test/resources/rules/*.eml') + []:
    seeds.append(open(f, 'rb').read())
def split(m):
    i = m.find(b'\n\n')
    if i < 0: return m, b''
    return m[:i+1], m[i+2:]
def ensure_id(h, k):
    if b'\nmessage-id:' not in (b'\n' + h).lower():
        h += b'Message-Id: <fz%d@x>\n' % k
    return h
def drop_ct(h):
    lines = h.split(b'\n'); out = []; skip = False
    for l in lines:
        if l[:1] in (b' ', b'\t') and skip: continue
        skip = l.lower().startswith(b'content-type:') or l.lower().startswith(b'content-transfer-encoding:') or l.lower().startswith(b'mime-version:')
        if not skip: out.append(l)
    return b'\n'.join(out)
CHARSETS = [None, b'utf-8', b'"utf-8"', b'iso-8859-1', b'latin1', b'none', b'x-bogus', b'us-ascii', b'windows-1252', b'UTF-8', b'"ISO-8859-15"', b'utf8', b'koi8-r']
SUBTYPES = [b'plain', b'plain', b'plain', b'x-patch', b'x-diff', b'html', b'x-csrc']
CTES = [None, b'7bit', b'8bit', b'base64', b'quoted-printable', b'Base64', b'QUOTED-PRINTABLE', b'x-uuencode', b'binary']
def encode(body, cte):
    c = (cte or b'').lower()
    if c == b'base64':
        e = base64.encodebytes(body)
        if random.random() < 0.2: e = e.replace(b'=', b'')
        if random.random() < 0.1: e = e[:len(e)//2] + b'!!junk**' + e[len(e)//2:]
        return e
    if c == b'quoted-printable':
        return quopri.encodestring(body)
    return body
def leaf(body):
    st = random.choice(SUBTYPES); cs = random.choice(CHARSETS); cte = random.choice(CTES)
    if cte == b'x-uuencode': cte = b'7bit'
    ct = b'Content-Type: text/' + st + ((b'; charset=' + cs) if cs else b'')
    if random.random() < 0.3: ct = b'Content-Type: ' + random.choice([b'application/octet-stream', b'TEXT/PLAIN', b'text/plain; name="a.patch"', b'text', b'text/plain/x'])
    if cs and random.random() < 0.3:
        try: body = body.decode('utf-8', 'replace').encode('latin-1', 'replace')
        except Exception: pass
    h = ct + b'\n' + ((b'Content-Transfer-Encoding: ' + cte + b'\n') if cte else b'')
    return h + b'\n' + encode(body, cte)
def multipart(parts, depth=0):
    b = random.choice([b'BB', b'==_b' + str(random.randint(0, 99)).encode(), b'a b', b'-x-'])
    q = random.choice([b'"%s"' % b, b, b' "%s" ' % b]) if b' ' not in b else b'"%s"' % b
    sub = random.choice([b'mixed', b'alternative', b'related', b'digest'])
    h = b'Content-Type: multipart/' + sub + b'; boundary=' + q + b'\n'
    body = b''
    if random.random() < 0.5: body += b'preamble text\n'
    for p in parts:
        body += b'--' + b + random.choice([b'', b'  ', b'\t']) + b'\n' + p
        if not p.endswith(b'\n') or random.random() < 0.5: body += b'\n'
    if random.random() < 0.85: body += b'--' + b + b'--\n'
    if random.random() < 0.4: body += b'epilogue\n'
    return h + b'\n' + body
def mutate(m, k):
    h, body = split(m)
    h = ensure_id(h, k)
    r = random.random()
    if r < 0.7:
        h = drop_ct(h)
        chunks = body.split(b'\n\n')
        parts = []
        i = 0
        while i < len(chunks):
            n = random.randint(1, 4)
            parts.append(leaf(b'\n\n'.join(chunks[i:i+n]) + b'\n'))
            i += n
        if random.random() < 0.3 and len(parts) > 1:
            parts = [multipart(parts[:len(parts)//2], 1)] + parts[len(parts)//2:]
        if random.random() < 0.3:
            parts.insert(random.randint(0, len(parts)), b'Content-Type: message/rfc822\n\nFrom: x@y.com\nSubject: inner\n' + random.choice([b'', b'Content-Type: multipart/mixed; boundary=in\n\n--in\n\ninner part\n--in--\n', b'\ninner text\n--- a/q\n+++ b/q\n@@ -1 +1 @@\n-a\n+b\n']))
        mp = multipart(parts)
        mh, mb = split(mp)
        m = h + mh + b'\n' + mb
    else:
        m = h + b'\n' + body
    r = random.random()
    if r < 0.15: m = m.replace(b'\n', b'\r\n')
    elif r < 0.2: m = m.replace(b'\n', b'\r')
    if random.random() < 0.1: m = m[:random.randint(0, len(m))]
    if random.random() < 0.1:
        pos = random.randint(0, len(m)); m = m[:pos] + bytes(random.randint(0, 255) for _ in range(random.randint(1, 20))) + m[pos:]
    return m
os.makedirs('/tmp/diff/ms', exist_ok=True)
for k in range(N):
    open('/tmp/diff/ms/%05d.eml' % k, 'wb').write(mutate(random.choice(seeds), k))
def hmut(m):
    h, body = split(m)
    lines = h.split(b'\n')
    ops = random.randint(1, 4)
    for _ in range(ops):
        r = random.random()
        i = random.randint(0, len(lines))
        if r < 0.15: lines.insert(i, b'Subject: =?utf-8?q?caf=C3=A9?= [PATCH v' + str(random.randint(1,5)).encode() + b' ' + str(random.randint(0,3)).encode() + b'/3] =?iso-8859-1?b?' + base64.b64encode(b'\xe9t\xe9') + b'?=')
        elif r < 0.25: lines.insert(i, b'X-Eight: caf\xc3\xa9 \xff')
        elif r < 0.35: lines.insert(i, b'\tcontinued line')
        elif r < 0.45: lines.insert(i, b'Content-Type: text/plain; charset*=utf-8\'\'%E2%82%AC')
        elif r < 0.55: lines.insert(i, b'From mboxrd@z Thu Jan  1 00:00:00 1970')
        elif r < 0.65: lines.insert(i, b'not a header line')
        elif r < 0.75: lines.insert(i, b': empty name')
        elif r < 0.85: lines.insert(i, b'Content-Type: multipart/mixed')
        else: lines.insert(i, b'Subject: Re: =?utf-8?b?' + base64.b64encode('[PATCH] ünï'.encode()) + b'?=')
    return b'\n'.join(lines) + b'\n' + body
for k in range(N):
    f = '/tmp/diff/ms/%05d.eml' % k
    if random.random() < 0.5:
        open(f, 'wb').write(hmut(open(f, 'rb').read()))
