#!/usr/bin/env python3
"""compare.py NAME SCRIPT ELFAULT_YAML VM_OUT_DIR SUMMARY

Compare, step by step, the page faults `elfault replay --format=yaml SCRIPT`
printed (ELFAULT_YAML) with those the real i386 kernel took running
rp-NAME (faults.txt of the VM's wrap_NAME test in VM_OUT_DIR; SUMMARY is
the VM's summary.txt, for the exit status).  A real fault belongs to step
N + 1 when the process's last MARK (getpid(N), see rp.inc) was N; a forked
child starts from its parent's last mark; the faults inside the execve of
the program belong to step 1.

Compared, per step: the list of (address, error code) of elfault's faults
with that of the real user faults, and elfault's SIGSEGV (with its
si_code) with a real signal 11 delivered.  Not compared, shown: the kernel faults of the exec step (exec's
padzero: clear_user of the .bss part of the .data page) and faults on the
program's own code (address == ip) in steps that are no "fetch:" -- the
harness's, not the script's.  Any other kernel fault is a disagreement.
Also checked: the exit status, the program's own value checks, the
"vmas:" a script expects (stop1.maps) and, from the pagemap at the
program's SIGSTOPs, what some faults mapped (PAGES: the zero page, a
reused frame).

Prints a table and one TAP-style verdict line "ok"/"not ok" on the last
line; exits 1 on a disagreement.
"""
import os, re, sys


def elfault_steps(path):
    """[{step, action, pid, address, faults: [{cr2, ec, kind, signal}]}]"""
    steps, cur, fault = [], None, None
    for line in open(path):
        m = re.match(r'^- step: (\d+)', line)
        if m:
            cur = {'step': int(m.group(1)), 'faults': [], 'address': None}
            steps.append(cur)
            fault = None
            continue
        if line.startswith('processes:'):
            cur = None
        if cur is None:
            continue
        m = re.match(r'^  (action|pid|address): (\S+)', line)
        if m:
            cur[m.group(1)] = m.group(2)
            continue
        if re.match(r'^  - access: ', line):
            fault = {'kind': None, 'signal': None}
            cur['faults'].append(fault)
            continue
        m = re.match(r'^    (cr2|error-code|kind|signal|code): (\S+)', line)
        if m and fault is not None:
            k = {'error-code': 'ec'}.get(m.group(1), m.group(1))
            fault[k] = m.group(2)
    return steps


LINE = re.compile(r'^(user|kernel) addr=(0x[0-9a-f]+) ip=(0x[0-9a-f]+) '
                  r'error_code=(0x[0-9a-f]+)\s*(?:#(.*))?$')


def real_steps(path, name):
    """{step: [(kind, addr, ip, ec)] + [('signal', sig)]}"""
    lines = open(path).read().splitlines()
    tag = r'^#(?: pid (\d+))? '
    done = [i for i, l in enumerate(lines)
            if re.match(tag + r'exec /tmp/%s done' % re.escape(name), l)]
    if not done:
        raise SystemExit('no exec of /tmp/%s in %s' % (name, path))
    start = done[0]
    while start > 0 and not re.match(tag + r'execve\(', lines[start]):
        start -= 1
    last, out = {}, {}
    for l in lines[start:]:
        m = re.match(tag + r'exec /tmp/', l)
        if m:
            last[m.group(1)] = 1
            continue
        m = re.match(tag + r'getpid\((0x[0-9a-f]+)', l)
        if m:
            last[m.group(1)] = int(m.group(2), 16)
            continue
        m = re.match(tag + r'fork: child pid (\d+)', l)
        if m:
            last[m.group(2)] = last.get(m.group(1), 0)
            continue
        m = re.match(tag + r'signal (\d+) delivered \(code (-?\d+)\)', l)
        if m:
            out.setdefault(last.get(m.group(1), 0) + 1, []).append(
                ('signal', int(m.group(2)), int(m.group(3))))
            continue
        m = LINE.match(l)
        if m:
            pm = re.search(r'pid (\d+)$', m.group(5) or '')
            pid = pm.group(1) if pm else None
            out.setdefault(last.get(pid, 0) + 1, []).append(
                (m.group(1), int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16)))
    return out


SEGV = {'SEGV_MAPERR': 1, 'SEGV_ACCERR': 2}
SIGS = {11: 'SIGSEGV', 19: 'SIGSTOP', 7: 'SIGBUS'}


# What elfault says a fault mapped, seen in the VM's pagemap at a SIGSTOP of
# the program (rp-*.s): (stop, page, letter, why); letters as in report.py:
# Z the shared zero page, A an anonymous page mapped once, . not present.
# ('same-pfn', a, b) in a list: the page's frame at stop a is the one at b.
PAGES = {
    'rp-seed-pages': [(1, 0x0804a000, 'Z', 'step 6 zero-page')],
    'rp-zero-page': [(1, 0xb7ff8000, 'Z', 'step 3 zero-page'),
                     (1, 0xb7ff9000, '.', 'untouched until step 6')],
    'rp-fork-cow': [(1, 0x08049000, 'A', 'padzero COWed it in execve'),
                    (2, 0x08049000, 'A', 'step 10 wp-reuse: mapped once'),
                    ('same-pfn', 1, 2, 0x08049000, 'step 10 wp-reuse: no copy')],
    'rp-stack-growth': [(1, 0xbffde000, 'A', 'step 2 anon-new'),
                        (1, 0xbff00000, 'A', 'step 3 anon-new')],
}


def pagemap(path):
    """{page: (letter, pfn)} from a stopN.pagemap of report.py"""
    out = {}
    for l in open(path).read().splitlines():
        m = re.match(r'^([0-9a-f]{8})-[0-9a-f]{8} .* (\S+)$', l)
        if m:
            start = int(m.group(1), 16)
            for i, c in enumerate(m.group(2)):
                out[start + i * 4096] = (c, None)
        m = re.match(r'^([0-9a-f]{8}) (\S) pfn=(0x[0-9a-f]+)', l)
        if m:
            out[int(m.group(1), 16)] = (m.group(2), int(m.group(3), 16))
    return out


def check_pages(name, outdir):
    bad, maps = [], {}
    for c in PAGES.get(name, []):
        for n in ([c[1], c[2]] if c[0] == 'same-pfn' else [c[0]]):
            if n not in maps:
                p = os.path.join(outdir, 'stop%d.pagemap' % n)
                maps[n] = pagemap(p) if os.path.exists(p) else {}
        if c[0] == 'same-pfn':
            a, b = maps[c[1]].get(c[3], ('?', None)), maps[c[2]].get(c[3], ('?', None))
            ok = a[1] is not None and a[1] == b[1]
            got = 'pfn %s at stop %d, %s at stop %d' % (a[1] and hex(a[1]), c[1], b[1] and hex(b[1]), c[2])
        else:
            got = maps[c[0]].get(c[1], ('?', None))[0]
            ok = got == c[2]
            got = "'%s' at stop %d (want '%s')" % (got, c[0], c[2])
        page = c[3] if c[0] == 'same-pfn' else c[1]
        print('# page %08x: %s -- %s%s' % (page, got, c[-1], '' if ok else '   <-- DIFFERS'))
        if not ok:
            bad.append('page %08x' % page)
    return bad


def fmt(f):
    return '%08x/%x' % (f[0], f[1])


def main():
    name, script, eyaml, outdir, summary = sys.argv[1:6]
    es = elfault_steps(eyaml)
    rs = real_steps(os.path.join(outdir, 'faults.txt'), name)
    bad = []
    print('# %-4s %-8s %-10s | %-28s | %-28s | %s' % (
        'step', 'action', 'address', 'elfault (addr/ec kind)', 'kernel (addr/ec)', 'not compared'))
    for s in es:
        act = s.get('action', '?')
        ef = [(int(f['cr2'], 16), int(f['ec'], 16)) for f in s['faults'] if 'cr2' in f]
        esig = [f for f in s['faults'] if f.get('signal') == 'SIGSEGV']
        real = rs.get(s['step'], [])
        user, other, sigs = [], [], []
        for f in real:
            if f[0] == 'signal':
                if f[1] != 19:             # not the harness's SIGSTOPs
                    sigs.append(f[1:])
            elif f[0] == 'user' and (f[1] != f[2] or act == 'fetch'):
                user.append((f[1], f[3]))
            elif f[0] == 'kernel' and act != 'exec':
                user.append((f[1], f[3]))          # compared: elfault has none
                other.append('KERNEL %08x/%x ip=%08x' % (f[1], f[3], f[2]))
            else:
                other.append('%s %08x/%x%s' % (
                    f[0], f[1], f[3], ' (code)' if f[0] == 'user' else ' (in execve)'))
        # SIGSEGV with its si_code (SEGV_MAPERR 1, SEGV_ACCERR 2)
        ecode = [SEGV.get(f.get('code')) for f in esig]
        rcode = [c for sig, c in sigs if sig == 11]
        ok = ef == user and ecode == rcode
        ek = ' '.join('%s %s' % (fmt(x), f.get('kind')) for x, f in zip(ef, s['faults']))
        for f in esig:
            ek += ' SIGSEGV/%s' % f.get('code')
        rk = ' '.join(fmt(x) for x in user) + ''.join(
            ' %s/%d' % (SIGS.get(sig, 'SIG%d' % sig), c) for sig, c in sigs)
        print('# %-4d %-8s %-10s | %-28s | %-28s | %s%s' % (
            s['step'], act, s['address'] or '', ek or '-', rk.strip() or '-',
            '; '.join(other), '' if ok else '   <-- DIFFERS'))
        if not ok:
            bad.append(s['step'])
    extra = sorted(k for k in rs if k > len(es))
    for k in extra:
        print('# real faults after the last step (%d): %s' % (k, rs[k]))
        bad.append(k)
    # the program's own checks and exit status
    status = None
    for l in open(summary):
        m = re.match(r'^TEST wrap_\S+: /tests/wrap_(\S+).*\[exit (\d+)\]', l)
        if m and m.group(1) == re.sub(r'[^a-z0-9]', '', name):
            status = int(m.group(2))
    want = 139 if any(f.get('signal') == 'SIGSEGV' for s in es for f in s['faults']) else 0
    out = open(os.path.join(outdir, 'out.txt')).read()
    if status != want or 'FAIL' in out:
        print('# exit status %s (want %d), output %r' % (status, want, out))
        bad.append('status')
    # "vmas:" the script expects vs the maps at the program's SIGSTOP
    vmas = re.findall(r'^\s+- ([0-9a-f]{8}-[0-9a-f]{8} \S+)\s*(.*?)\s*$',
                      open(script).read(), re.M)
    if vmas:
        maps = os.path.join(outdir, 'stop1.maps')
        got = []
        for l in open(maps).read().splitlines() if os.path.exists(maps) else []:
            p = l.split(None, 5)
            nm = os.path.basename(p[5]) if len(p) > 5 else ''
            got.append((p[0] + ' ' + p[1], 'a.out' if nm == name else nm))
        if got != [(r, n) for r, n in vmas]:
            print('# vmas: script %s\n#  kernel %s' % (vmas, got))
            bad.append('vmas')
        else:
            print('# vmas at stop 1 (after step 4) agree with the script (%d VMAs)' % len(got))
    bad += check_pages(name, outdir)
    print('%s - %s%s' % ('not ok' if bad else 'ok', name,
                         ' (differs: %s)' % ', '.join(map(str, bad)) if bad else ''))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
