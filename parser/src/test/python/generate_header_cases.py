# Generates mails with random From/Subject/References values into /tmp/diff/h: python3 generate_header_cases.py SEED COUNT
import random, os, sys, base64
random.seed(int(sys.argv[1])); N = int(sys.argv[2])
TOK = ['"', '<', '>', '(', ')', ' at ', ',', "'", ' ', '  ', '\t', 'a', 'john', 'doe', 'x.com', '@', 'j@x.com', 'o\'b@x.com', '.', '-', '_', 'é', 'ü', '=?utf-8?q?J=C3=B6rg?=', '=?utf-8?b?' + base64.b64encode('Zoë'.encode()).decode() + '?=', ' via ', 'List', '[', ']', 'Re:', 'RE ', 'Fwd:', 'PATCH', 'v2', 'V3', '1/3', '0/2', ' of ', '12', 'RFC', 'test', 'net-next', '(v4)', 'localhost', '<a@b>', '<c@d>', 'Ж', '\u00a0', '1', '/']
def val(n):
    return ''.join(random.choice(TOK) for _ in range(random.randint(0, n)))
os.makedirs('/tmp/diff/h', exist_ok=True)
for k in range(N):
    frm = val(8)
    if random.random() < 0.5: frm = val(3) + ' <' + random.choice(['j@x.com', 'a.b@c.d.org', val(3) + '@x.com']) + '>' + val(2)
    subj = ''.join(random.choice(['[PATCH', ' v2', ' 1/3', ']', '[', 'RFC', ' ', 'Re: ', 'fwd ', 'x', '(v5)', '[test]', ',', ' 0 of 3', 'PATCH 1 of 2', 'é']) for _ in range(random.randint(0, 10)))
    refs = ' '.join(random.choice(['<a@b>', '<c@d>', 'plain', '<e@f> (c)', '<', '>', '<<x>>']) for _ in range(random.randint(0, 5)))
    irt = random.choice(['', '<p@q>', 'bare@id', '<a@b> <c@d>', '(comment) <z@y>'])
    mid = random.choice(['<m%d@x>' % k, '<m%d@x> (comment)' % k, 'bare%d@x' % k, ' <m%d@x>' % k])
    h = 'From: %s\nSubject: %s\nMessage-Id: %s\n' % (frm, subj, mid)
    if refs: h += 'References: %s\n' % refs
    if irt: h += 'In-Reply-To: %s\n' % irt
    body = 'msg\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n'
    open('/tmp/diff/h/%05d.eml' % k, 'wb').write((h + '\n' + body).encode('utf-8'))
