#!/usr/bin/env python3
"""compare.py NAME SCRIPT ELFAULT_YAML VM_OUT_DIR SUMMARY

Compare, step by step, the page faults `elfault replay --format=yaml SCRIPT`
printed (ELFAULT_YAML) with those the real i386 kernel took running
rp-NAME (faults.txt of the VM's wrap_NAME test in VM_OUT_DIR; SUMMARY is
the VM's summary.txt, for the exit status).  A real fault belongs to step
N + 1 when the process's last MARK (getpid(N), see rp.inc) was N; a forked
child starts from its parent's last mark; the faults inside the execve of
the program belong to step 1.

Compared, per step: the list of (address, error code) of elfault's user
faults with that of the real user faults, and elfault's SIGSEGV (with its
si_code) with a real signal 11 delivered.  In a sys-read or sys-write step
also the list of (address, error code, function+offset) of elfault's
kernel faults with that of the real kernel faults in the user-copy routine
(COPY_FUNCS), and the step's result with the return of the real call
(SYSCALLS; the program's own pipe/close/open around it are not the
script's).  In the exec step the kernel faults of exec's padzero()
(EXEC_FUNCS: clear_user of the rest of each .bss's first page) are compared
the same way.  Not compared, shown: faults on the program's own code
(address == ip) in steps that are no "fetch:" -- the harness's, not the
script's.  Any other kernel fault is a disagreement.
Also checked: the exit status, the program's own value checks, the
"vmas:" a script expects (stop1.maps) and, from the pagemap at the
program's SIGSTOPs, what some faults mapped (PAGES: the zero page, a
reused frame).

Prints a table and one TAP-style verdict line "ok"/"not ok" on the last
line; exits 1 on a disagreement.
"""
import os, re, sys


def elfault_steps(path):
    """[{step, action, pid, address, result,
          faults: [{mode, cr2, ec, sym, kind, signal}]}]"""
    steps, cur, fault = [], None, None
    for line in open(path):
        m = re.match(r'^- step: (\d+)', line)
        if m:
            cur = {'step': int(m.group(1)), 'faults': [], 'address': None,
                   'result': None}
            steps.append(cur)
            fault = None
            continue
        if line.startswith('processes:'):
            cur = None
        if cur is None:
            continue
        m = re.match(r'^  (action|pid|address|result|syscall|number|new-pid): (\S+)', line)
        if m:
            cur[m.group(1)] = m.group(2)
            continue
        m = re.match(r'^  buffer: (\S+)', line)     # sys-read, sys-write
        if m:
            cur['address'] = m.group(1)
            continue
        # a fault's first key: "access:" or "mode:" (user, kernel) -- elfault
        # has printed both orders; no "mode:" (older output) is a user fault
        m = re.match(r'^  - (mode|access): (\S+)', line)
        if m:
            fault = {'kind': None, 'signal': None, 'mode': 'user', 'sym': None}
            fault[m.group(1)] = m.group(2)
            cur['faults'].append(fault)
            continue
        m = re.match(r'^    (mode|cr2|error-code|eip-symbol|kind|signal|code): (\S+)',
                     line)
        if m and fault is not None:
            k = {'error-code': 'ec', 'eip-symbol': 'sym'}.get(m.group(1), m.group(1))
            fault[k] = m.group(2)
    return steps


LINE = re.compile(r'^(user|kernel) addr=(0x[0-9a-f]+) ip=(0x[0-9a-f]+) '
                  r'error_code=(0x[0-9a-f]+)\s*(?:#(.*))?$')


def real_steps(path, name):
    """{step: [(kind, addr, ip, ec, function+offset)] + [('signal', sig, code)]
    + [('return', syscall, value)]}"""
    lines = open(path).read().splitlines()
    tag = r'^#(?: pid (\d+))? '
    done = [i for i, l in enumerate(lines)
            if re.match(tag + r'exec /tmp/%s done' % re.escape(name), l)]
    if not done:
        raise SystemExit('no exec of /tmp/%s in %s' % (name, path))
    start = done[0]
    while start > 0 and not re.match(tag + r'execve\(', lines[start]):
        start -= 1
    last, out, wrapper_exec = {}, {}, {}
    for l in lines[start:]:
        m = re.match(tag + r'exec /tmp/', l)
        if m:
            last[m.group(1)] = 1
            wrapper_exec[m.group(1)] = True   # its return is the wrapper's
            continue
        m = re.match(tag + r'  execve = ', l)
        if m and wrapper_exec.pop(m.group(1), False):
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
        m = re.match(tag + r'  (\w+) = (-?\d+)$', l)      # a syscall's return
        if m:
            out.setdefault(last.get(m.group(1), 0) + 1, []).append(
                ('return', m.group(2), int(m.group(3))))
            continue
        m = LINE.match(l)
        if m:
            pm = re.search(r'pid (\d+)$', m.group(5) or '')
            pid = pm.group(1) if pm else None
            # the comment of a kernel fault: "kernel-mode ..., FUNC+0xOFF[, ...]"
            note = (m.group(5) or '').strip().split(', ')
            sym = note[1] if m.group(1) == 'kernel' and len(note) > 1 else None
            out.setdefault(last.get(pid, 0) + 1, []).append(
                (m.group(1), int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16),
                 sym))
    return out


SEGV = {'SEGV_MAPERR': 1, 'SEGV_ACCERR': 2}
# The real calls of a sys-read/sys-write step (report.py names the calls it
# knows; pread64 (180), pwrite64 (181) print as sys_N), and the routine
# their copies fault in: i386 6.1's raw_copy_{to,from}_user() is
# __copy_user_ll() (arch/x86/lib/usercopy_32.c; __copy_user_intel inlined).
SYSCALLS = {'sys-read': ('read', 'pread64', 'sys_180'),
            'sys-write': ('write', 'pwrite64', 'sys_181')}
COPY_FUNCS = ('__copy_user_ll',)
# A syscall: step's call (elfault's YAML names it and gives its number;
# report.py names the calls it knows, sys_N the others), and the routines
# its accesses to user memory fault in.
CALL_FUNCS = ('__copy_user_ll', 'strncpy_from_user', 'fault_in_readable',
              '__put_user_nocheck_4', '__get_user_4', 'strnlen_user',
              'clear_user')


def call_names(step):
    return (step.get('syscall'), 'sys_%s' % step.get('number'))
# The routine of the kernel faults execve itself takes: padzero()'s.
EXEC_FUNCS = ('clear_user',)
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


# The calls that return a pid: the VM's pids are mapped to elfault's.
PID_CALLS = ('wait4', 'waitpid', 'sys_114', 'sys_7', 'getpid')


def pid_map(es, path, name):
    """{VM pid: elfault pid}: the program's own (exec) and its forks' in
    the order both made them."""
    vm = []
    for l in open(path).read().splitlines():
        m = re.match(r'^#(?: pid (\d+))? exec /tmp/%s done' % re.escape(name), l)
        if m and not vm:
            vm.append(int(m.group(1)) if m.group(1) else None)
        m = re.match(r'^#(?: pid \d+)? fork: child pid (\d+)', l)
        if m:
            vm.append(int(m.group(1)))
    ef = [int(s['new-pid']) for s in es if s.get('new-pid')]
    return dict(zip(vm, ef))


def fmt(f):
    return '%08x/%x' % (f[0], f[1]) + ''.join(' ' + x for x in f[2:])


def main():
    name, script, eyaml, outdir, summary = sys.argv[1:6]
    es = elfault_steps(eyaml)
    rs = real_steps(os.path.join(outdir, 'faults.txt'), name)
    pids = pid_map(es, os.path.join(outdir, 'faults.txt'), name)
    bad = []
    print('# %-4s %-8s %-10s | %-28s | %-28s | %s' % (
        'step', 'action', 'address', 'elfault (addr/ec kind)', 'kernel (addr/ec)', 'not compared'))
    for s in es:
        act = s.get('action', '?')
        rw = act in SYSCALLS or act == 'syscall'
        names = SYSCALLS.get(act) or call_names(s)
        funcs = CALL_FUNCS if act == 'syscall' else COPY_FUNCS
        # elfault's faults in order, a kernel one with its function+offset
        # (its "/size" dropped: the trace prints none)
        ef, eshow = [], []
        for f in s['faults']:
            if 'cr2' not in f:
                continue
            x = (int(f['cr2'], 16), int(f['ec'], 16))
            if f['mode'] == 'kernel':
                x += ((f['sym'] or '?').split('/')[0],)
            ef.append(x)
            eshow.append('%s %s' % (fmt(x), f.get('kind')))
        esig = [f for f in s['faults'] if f.get('signal') == 'SIGSEGV']
        real = rs.get(s['step'], [])
        user, other, sigs, rets, stray = [], [], [], [], False
        for f in real:
            if f[0] == 'signal':
                if f[1] != 19:             # not the harness's SIGSTOPs
                    sigs.append(f[1:])
            elif f[0] == 'return':
                if rw and f[1] in names:       # the other calls are the program's
                    rets.append(pids.get(f[2], f[2]) if f[1] in PID_CALLS else f[2])
            elif f[0] == 'user' and (f[1] != f[2] or act == 'fetch'):
                user.append((f[1], f[3]))
            elif f[0] == 'kernel' and (f[4] or '').split('+')[0] in (
                    funcs if rw else EXEC_FUNCS if act == 'exec' else ()):
                user.append((f[1], f[3], f[4]))    # the copy's: compared
            elif f[0] == 'kernel':
                stray = True               # a disagreement whatever elfault says
                user.append((f[1], f[3], f[4]))    # shown with the real ones
                other.append('KERNEL %08x/%x ip=%08x %s' % (f[1], f[3], f[2], f[4]))
            else:                          # the program's code, not the step's
                other.append('user %08x/%x (code)' % (f[1], f[3]))
        # SIGSEGV with its si_code (SEGV_MAPERR 1, SEGV_ACCERR 2)
        ecode = [SEGV.get(f.get('code')) for f in esig]
        rcode = [c for sig, c in sigs if sig == 11]
        # the call's return: elfault's result, one real call of the step
        eret = [int(s['result'])] if rw and s['result'] is not None else []
        ok = ef == user and ecode == rcode and eret == rets and not stray
        ek = ' '.join(eshow)
        for f in esig:
            ek += ' SIGSEGV/%s' % f.get('code')
        ek += ''.join(' = %d' % r for r in eret)
        rk = ' '.join(fmt(x) for x in user) + ''.join(
            ' %s/%d' % (SIGS.get(sig, 'SIG%d' % sig), c) for sig, c in sigs) + ''.join(
            ' = %d' % r for r in rets)
        print('# %-4d %-8s %-10s | %-28s | %-28s | %s%s' % (
            s['step'], act, s['address'] or '', ek.strip() or '-', rk.strip() or '-',
            '; '.join(other), '' if ok else '   <-- DIFFERS'))
        if not ok:
            bad.append(s['step'])
    # (the returns are no faults: the last MARK's getpid returns after it)
    late = dict((k, [f for f in rs[k] if f[0] != 'return']) for k in rs if k > len(es))
    extra = sorted(k for k in late if late[k])
    for k in extra:
        print('# real faults after the last step (%d): %s' % (k, late[k]))
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
            # a file by its last component, shmem by the kernel's name
            nm = ('' if len(p) < 6 else p[5] if p[5] == '/dev/zero (deleted)'
                  else os.path.basename(p[5]))
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
