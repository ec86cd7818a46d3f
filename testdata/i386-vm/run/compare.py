#!/usr/bin/env python3
"""compare.py [--exec PATH] NAME ELFAULT_YAML VM_OUT_DIR SUMMARY

Compare the page faults `elfault run --continue --format=yaml rp-NAME`
printed (ELFAULT_YAML) with those the real i386 kernel took running the
same program (faults.txt of the VM's wrap_NAME test in VM_OUT_DIR), as two
lists in the order they happened, from the execve of the program (by the
path /tmp/NAME, or PATH: "./busybox" for the busybox applets) on:
for each fault its process (numbered in order of appearance, as the pids
differ), user or kernel, the address, the error code, and the EIP for a
user fault or the kernel routine and offset for a kernel one; a fatal
signal delivered (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP: a fault's or a
trap's) counts as ('signal', N).  Also compared: the exit status
(VM: SUMMARY's "TEST wrap_...: ... [exit N]" line), and what the program
wrote to its standard output and error, in order (VM: the test's
out.txt, both descriptors into one file; elfault: the report's output:
list, byte for byte).

The lists agree when they are the same, or when each process's own faults
are the same in the same order and only their interleaving differs: which
of two runnable processes runs when is the VM's scheduler's, whose choice
after a fork changes with the host's load (a child woken by fork may
preempt its parent), not a rule of the kernel's memory management that
elfault models.  Such a run says so in a line of its own.

Prints both lists side by side where they differ and one TAP-style verdict
line "ok"/"not ok" last; exits 1 on a difference.

compare.py --list-vm NAME VM_OUT_DIR and compare.py --list ELFAULT_YAML
print one list, a fault a line (testdata/expected/run/ keeps the real
kernel's, for make check).  compare.py --output ELFAULT_YAML writes the
program's output as the report shows it; compare.py --enosys ELFAULT_YAML
prints the calls elfault run answered with ENOSYS, by name where the
host's <asm/unistd_32.h> has it ("set_thread_area (243)"), one line;
compare.py --todo [--exec PATH] NAME ELFAULT_YAML VM_OUT_DIR says what a
program's run still lacks, found by running it: those calls, and the
calls the real kernel's run made that elfault's never reached.
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


def elfault_doc(path):
    """The report, or None (and why on stdout) when it does not parse:
    elfault stopped half-way, say."""
    try:
        return yaml.safe_load(open(path)) or {}
    except (yaml.YAMLError, OSError) as e:
        print('# elfault run\'s report does not parse: %s'
              % str(e).splitlines()[0])
        return None


def elfault_faults(doc):
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


ESCAPES = {'n': b'\n', 't': b'\t', '\\': b'\\', '"': b'"'}


def unescape(text):
    """The bytes of a data: field (replay_escape()'s \\n \\t \\\\ \\" \\xNN)."""
    out, i = bytearray(), 0
    while i < len(text):
        c = text[i]
        if c == '\\' and text[i + 1:i + 2] == 'x':
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        elif c == '\\' and text[i + 1:i + 2] in ESCAPES:
            out += ESCAPES[text[i + 1]]
            i += 2
        else:
            out += c.encode('latin-1')
            i += 1
    return bytes(out)


def elfault_output(doc):
    """What the program wrote to its terminal (descriptors 1 and 2), in
    order: the report's output: list (escaped as data: fields are)."""
    return b''.join(unescape(str(o.get('text', '')))
                    for o in doc.get('output') or [])


def real_faults(outdir, name, path=None):
    lines = open(outdir + '/faults.txt').read().splitlines()
    tag = r'^#(?: pid (\d+))? '
    path = path or '/tmp/' + name
    done = [i for i, l in enumerate(lines)
            if re.match(tag + r'exec %s done' % re.escape(path), l)]
    if not done:
        raise SystemExit('no exec of %s in %s' % (path, outdir))
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


UNISTD_32 = ('/usr/include/x86_64-linux-gnu/asm/unistd_32.h',
             '/usr/include/i386-linux-gnu/asm/unistd_32.h',
             '/usr/include/asm/unistd_32.h')


def call_names():
    """i386 system call numbers to names, from the host's headers."""
    for path in UNISTD_32:
        try:
            text = open(path).read()
        except OSError:
            continue
        return {int(n): name for name, n in
                re.findall(r'#define __NR_(\w+)\s+(\d+)', text)}
    return {}


def enosys(doc):
    """The calls answered -ENOSYS, in the order first made."""
    names, seen = call_names(), []
    for step in doc.get('steps') or []:
        if step.get('action') == 'syscall' and step.get('result') == -38:
            n = step.get('number')
            call = '%s (%s)' % (names[n], n) if n in names else str(n)
            if call not in seen:
                seen.append(call)
    return seen


def real_calls(outdir, name, path=None):
    """The system calls the VM's run made after the exec, in the order
    first made: (number, name) - faults.txt names a call it knows and
    writes sys_NNN for the rest."""
    lines = open(outdir + '/faults.txt').read().splitlines()
    numbers = {v: k for k, v in call_names().items()}
    path = path or '/tmp/' + name
    on, seen = False, []
    for l in lines:
        if re.match(r'^#(?: pid \d+)? exec %s done' % re.escape(path), l):
            on = True
            continue
        m = re.match(r'^#(?: pid \d+)? (\w+)\(', l) if on else None
        if not m:
            continue
        call = m.group(1)
        n = int(call[4:]) if re.match(r'sys_\d+$', call) else \
            numbers.get(call)
        if (n, call) not in seen:
            seen.append((n, call))
    return seen


def todo(doc, outdir, name, path):
    """What the run lacks: its ENOSYS calls, and the VM's calls it never
    made (by number: fork, vfork and clone are fork: steps, not calls)."""
    names = call_names()
    made = {step.get('number') for step in doc.get('steps') or []}
    made |= {2, 120, 190} if any('fork' in step for step in
                                 doc.get('steps') or []) else set()
    missing = enosys(doc)
    unreached = ['%s (%s)' % (names.get(n, call), n)
                 for n, call in real_calls(outdir, name, path)
                 if n is not None and n not in made]
    words = []
    if missing:
        words.append('not modelled yet (ENOSYS): ' + ', '.join(missing))
    if unreached:
        words.append('calls of the real run not reached: ' +
                     ', '.join(unreached))
    execs = real_execs(outdir, path or '/tmp/' + name)
    if execs and not any(step.get('number') == 11 and
                         step.get('result') == 0
                         for step in doc.get('steps') or []):
        words.append('the real run also execs ' + ', '.join(execs))
    return '; '.join(words)


def real_execs(outdir, path):
    """The programs the VM's run exec'd after PATH."""
    done = re.findall(r'^#(?: pid \d+)? exec (\S+) done$',
                      open(outdir + '/faults.txt').read(), re.M)
    return done[done.index(path) + 1:] if path in done else []


def per_process(faults):
    """Each process's faults, in its own order."""
    seen = {}
    for f in faults:
        seen.setdefault(f[0], []).append(f)
    return seen


def compare_output(doc, outdir):
    """Whether the outputs agree; prints them where they differ."""
    ours = elfault_output(doc)
    try:
        real = open(outdir + '/out.txt', 'rb').read()
    except OSError:
        real = b''
    if ours != real:
        print('# output differs: elfault run %r, the VM %r' % (ours, real))
    return ours == real


def main():
    args = sys.argv[1:]
    if args[0] == '--list-vm':          # the real list, one fault a line
        for f in real_faults(args[2], args[1]):
            print(show(f))
        return 0
    if args[0] == '--list':             # elfault run's, the same way
        for f in elfault_faults(elfault_doc(args[1]) or {})[0]:
            print(show(f))
        return 0
    if args[0] == '--output':           # the program's output
        sys.stdout.buffer.write(elfault_output(elfault_doc(args[1]) or {}))
        return 0
    if args[0] == '--enosys':           # the calls not modelled
        print(', '.join(enosys(elfault_doc(args[1]) or {})))
        return 0
    what = None
    if args[0] == '--todo':
        what, args = 'todo', args[1:]
    path = None
    if args[0] == '--exec':
        path, args = args[1], args[2:]
    if what == 'todo':
        print(todo(elfault_doc(args[1]) or {}, args[2], args[0], path))
        return 0
    name, elfault_yaml, outdir, summary = args[:4]
    doc = elfault_doc(elfault_yaml)
    ours, code = elfault_faults(doc or {})
    real = real_faults(outdir, name, path)
    status = real_status(summary, outdir.rstrip('/').split('/')[-1])
    same = sum(1 for a, b in zip(ours, real) if a == b)
    print('# %s: %d faults in elfault run, %d in the VM, %d the same in '
          'order; exit %s and %s' % (name, len(ours), len(real), same, code,
                                     status))
    interleaved = ours != real and per_process(ours) == per_process(real)
    if interleaved:
        print('# the VM interleaved the processes otherwise: each one\'s '
              'faults the same in order')
    ok = doc is not None and (ours == real or interleaved) and \
        (status is None or status == code)
    ok = compare_output(doc or {}, outdir) and ok
    if not ok or interleaved:
        for i in range(max(len(ours), len(real))):
            a = ours[i] if i < len(ours) else None
            b = real[i] if i < len(real) else None
            print('# %s %-48s %s' % ('  ' if a == b else '!=', show(a),
                                     show(b)))
    print('ok' if ok else 'not ok')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
