#!/usr/bin/env python3
"""compare.py NAME ELFAULT_YAML VM_OUT_DIR SUMMARY

Compare the page faults `elfault run --continue --format=yaml rp-NAME`
printed (ELFAULT_YAML) with those the real i386 kernel took running the
same program (faults.txt of the VM's wrap_NAME test in VM_OUT_DIR), as two
lists in the order they happened, from the execve of the program on:
for each fault its process (numbered in order of appearance, as the pids
differ), user or kernel, the address, the error code, and the EIP for a
user fault or the kernel routine and offset for a kernel one; a fatal
signal delivered (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP: a fault's or a
trap's) counts as ('signal', N).  Also compared: the exit status
(VM: SUMMARY's "TEST wrap_...: ... [exit N]" line).

Prints both lists side by side where they differ and one TAP-style verdict
line "ok"/"not ok" last; exits 1 on a difference.

compare.py --list-vm NAME VM_OUT_DIR and compare.py --list ELFAULT_YAML
print one list, a fault a line (testdata/expected/run/ keeps the real
kernel's, for make check).
"""
import re, sys
import yaml

LINE = re.compile(r'^(user|kernel) addr=(0x[0-9a-f]+) ip=(0x[0-9a-f]+) '
                  r'error_code=(0x[0-9a-f]+)\s*(?:#(.*))?$')


# The signals that kill: a page fault's (SIGSEGV, SIGBUS) and a trap's.
SIGNALS = {'SIGILL': 4, 'SIGTRAP': 5, 'SIGBUS': 7, 'SIGFPE': 8,
           'SIGSEGV': 11}


class Pids:
    """Processes numbered 1, 2... in the order they first appear."""
    def __init__(self):
        self.ids = {}

    def __call__(self, pid):
        return self.ids.setdefault(pid, len(self.ids) + 1)


def elfault_faults(path):
    doc = yaml.safe_load(open(path))
    pids, out = Pids(), []
    for step in doc.get('steps') or []:
        pid = pids(step['pid'])
        for f in step.get('faults') or []:
            if f['mode'] == 'user':
                out.append((pid, 'user', f['cr2'], f['error-code'], f['eip']))
            else:
                sym = str(f.get('eip-symbol', '')).split('/')[0]
                out.append((pid, 'kernel', f['cr2'], f['error-code'], sym))
            if f.get('signal') in SIGNALS:
                out.append((pid, 'signal', SIGNALS[f['signal']]))
        if 'trap' in step:          # a trap's signal killed it
            out.append((pid, 'signal', SIGNALS[step['signal']]))
    return out, doc.get('exit-code')


def real_faults(outdir, name):
    lines = open(outdir + '/faults.txt').read().splitlines()
    tag = r'^#(?: pid (\d+))? '
    done = [i for i, l in enumerate(lines)
            if re.match(tag + r'exec /tmp/%s done' % re.escape(name), l)]
    if not done:
        raise SystemExit('no exec of /tmp/%s in %s' % (name, outdir))
    start = done[0]
    while start > 0 and not re.match(tag + r'execve\(', lines[start]):
        start -= 1
    pids, out = Pids(), []
    for l in lines[start:]:
        m = re.match(tag + r'signal (\d+) delivered', l)
        if m and int(m.group(2)) in SIGNALS.values():
            out.append((pids(m.group(1)), 'signal', int(m.group(2))))
            continue
        m = LINE.match(l)
        if not m:
            continue
        note = (m.group(5) or '').strip()
        pm = re.search(r'pid (\d+)$', note)
        pid = pids(pm.group(1) if pm else None)
        addr, ip, ec = (int(m.group(i), 16) for i in (2, 3, 4))
        if m.group(1) == 'user':
            out.append((pid, 'user', addr, ec, ip))
        else:
            parts = note.split(', ')
            out.append((pid, 'kernel', addr, ec,
                        parts[1] if len(parts) > 1 else '?'))
    return out


def real_status(summary, test):
    for l in open(summary):
        m = re.match(r'^TEST %s: .*\[exit (\d+)\]' % re.escape(test), l)
        if m:
            return int(m.group(1))
    return None


def show(f):
    if f is None:
        return '-'
    if f[1] == 'signal':
        return 'pid#%d signal %d' % (f[0], f[2])
    last = f[4] if isinstance(f[4], str) else '0x%08x' % f[4]
    return 'pid#%d %-6s 0x%08x ec 0x%x %s' % (f[0], f[1], f[2], f[3], last)


def main():
    if sys.argv[1] == '--list-vm':      # the real list, one fault a line
        for f in real_faults(sys.argv[3], sys.argv[2]):
            print(show(f))
        return 0
    if sys.argv[1] == '--list':         # elfault run's, the same way
        for f in elfault_faults(sys.argv[2])[0]:
            print(show(f))
        return 0
    name, elfault_yaml, outdir, summary = sys.argv[1:5]
    ours, code = elfault_faults(elfault_yaml)
    real = real_faults(outdir, name)
    status = real_status(summary, outdir.rstrip('/').split('/')[-1])
    same = sum(1 for a, b in zip(ours, real) if a == b)
    print('# %s: %d faults in elfault run, %d in the VM, %d the same in '
          'order; exit %s and %s' % (name, len(ours), len(real), same, code,
                                     status))
    ok = ours == real and (status is None or status == code)
    if not ok:
        for i in range(max(len(ours), len(real))):
            a = ours[i] if i < len(ours) else None
            b = real[i] if i < len(real) else None
            print('# %s %-48s %s' % ('  ' if a == b else '!=', show(a),
                                     show(b)))
    print('ok' if ok else 'not ok')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
