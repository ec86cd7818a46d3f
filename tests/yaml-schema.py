#!/usr/bin/python3
# yaml-schema.py - check elfault's YAML documents against the schema of
# elfault(1) (OUTPUT, YAML), read with a real YAML loader (PyYAML).
#
#   yaml-schema.py < LIST
#
# LIST has a line KIND:FILE:DESCRIPTION per document.
# KIND is sections, maps, replay or compare.  Prints one TAP line per
# document ("ok - DESCRIPTION" or "not ok - DESCRIPTION" with the
# problems as "# " lines).  The rules every document follows: one
# document; keys in kebab-case, but for a vmstat mapping's, which are
# /proc/vmstat's names; no null; no string that is an address range to
# re-parse; the keys each record has, of the type it has, and the keys
# that are absent rather than 0 or null for "none".
import re
import sys

import yaml

KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
VMSTAT = re.compile(r"^[a-z][a-z0-9_]*$")
RANGE = re.compile(r"^(0x)?[0-9a-f]{8,16}-(0x)?[0-9a-f]{8,16}( |$)")
PERMS = re.compile(r"^[r-][w-][x-][ps]$")
PROSE = {"holds", "report", "message", "why", "error", "data", "expected",
         "actual"}


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, path, what):
        if len(self.problems) < 20:
            self.problems.append("%s: %s" % (path or "/", what))

    # -- the rules every document follows --------------------------------
    def walk(self, node, path, parent_key=None):
        if node is None:
            self.fail(path, "null (a key for nothing is left out)")
        elif isinstance(node, dict):
            for key, value in node.items():
                style = VMSTAT if parent_key == "vmstat" else KEBAB
                if not isinstance(key, str) or not style.match(key):
                    self.fail(path, "key %r is not kebab-case" % (key,))
                self.walk(value, "%s/%s" % (path, key), key)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                self.walk(item, "%s[%d]" % (path, i), parent_key)
        elif isinstance(node, str) and parent_key not in PROSE and \
                RANGE.match(node):
            self.fail(path, "%r is a range to re-parse" % node)

    # -- types -------------------------------------------------------------
    def typed(self, record, path, required, optional=()):
        """Check RECORD's keys: REQUIRED and OPTIONAL map key -> checker."""
        if not isinstance(record, dict):
            self.fail(path, "not a mapping")
            return {}
        allowed = dict(required)
        allowed.update(dict(optional))
        for key, check in required:
            if key not in record:
                self.fail(path, "no %s" % key)
        for key, value in record.items():
            if key not in allowed:
                self.fail(path, "unknown key %s" % key)
            elif not allowed[key](value):
                self.fail("%s/%s" % (path, key),
                          "%r: not what the schema says" % (value,))
        return record

    def each(self, items, path, fn):
        if not isinstance(items, list):
            self.fail(path, "not a sequence")
            return
        for i, item in enumerate(items):
            fn(item, "%s[%d]" % (path, i))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def positive(v):
    return is_int(v) and v > 0


def natural(v):
    return is_int(v) and v >= 0


def is_str(v):
    return isinstance(v, str)


def is_bool(v):
    return isinstance(v, bool)


def is_list(v):
    return isinstance(v, list)


def is_map(v):
    return isinstance(v, dict)


def one_of(*words):
    return lambda v: v in words


def str_list(v):
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def perms(v):
    return isinstance(v, str) and PERMS.match(v) is not None


def int_map(v):
    return isinstance(v, dict) and all(is_int(x) for x in v.values())


ANY = lambda v: True


# -- sections --------------------------------------------------------------
def check_sections(c, doc):
    def section(s, path):
        c.typed(s, path, [
            ("index", natural), ("name", is_str), ("elf-index", positive),
            ("type", lambda v: is_str(v) or is_int(v)), ("flags", str_list),
            ("size", natural), ("vma", natural), ("lma", natural),
            ("file-offset", natural), ("alignment", positive)],
            [("segment", natural)])

    def member(m, path):
        c.typed(m, path, [
            ("file", is_str), ("format", is_str), ("class", one_of(32, 64)),
            ("byte-order", one_of("little", "big")), ("sections", is_list)],
            [("member", is_str)])
        c.each(m.get("sections", []) if is_map(m) else [],
               path + "/sections", section)

    c.each(doc, "", member)


# -- maps ------------------------------------------------------------------
MM_KEYS = ["start-code", "end-code", "start-data", "end-data", "start-brk",
           "brk", "start-stack", "arg-start", "arg-end", "env-start",
           "env-end", "load-bias", "entry", "sp"]
VMA_KINDS = ("file", "anonymous", "heap", "stack", "vdso", "vvar",
             "vsyscall")


def check_vma(c, v, path, sections_allowed):
    optional = [("offset", natural),
                ("dev", lambda d: is_map(d) and set(d) == {"major", "minor"}
                 and all(natural(x) for x in d.values())),
                ("inode", natural), ("name", is_str)]
    if sections_allowed:
        optional.append(("sections", is_list))
    c.typed(v, path, [("start", natural), ("end", positive),
                      ("perms", perms), ("kind", one_of(*VMA_KINDS)),
                      ("grows-down", is_bool)], optional)
    if not is_map(v):
        return
    has_file = v.get("kind") == "file"
    for key in ("offset", "dev", "inode"):
        if (key in v) != has_file:
            c.fail(path, "%s %s for a VMA of kind %s" % (
                key, "present" if key in v else "absent", v.get("kind")))
    if is_int(v.get("start")) and is_int(v.get("end")) and \
            v["start"] >= v["end"]:
        c.fail(path, "start is not below end")
    c.each(v.get("sections", []), path + "/sections", lambda s, p: c.typed(
        s, p, [("name", is_str), ("start", natural), ("end", positive),
               ("whole", is_bool), ("zero-filled", is_bool)]))


def check_maps(c, doc):
    c.typed(doc, "", [("target", is_str), ("file", is_str), ("mm", is_map),
                      ("vmas", is_list), ("auxv", is_list)],
            [("interpreter", is_str), ("kernel-region", is_map),
             ("stack", is_map)])
    if not is_map(doc):
        return
    mm_required = [(k, natural) for k in MM_KEYS]
    mm_required.append(("read-implies-exec", is_bool))
    if "interpreter" in doc:
        mm_required.append(("interp-base", positive))
    c.typed(doc.get("mm"), "/mm", mm_required)
    c.each(doc.get("vmas"), "/vmas", lambda v, p: check_vma(c, v, p, True))
    c.each(doc.get("auxv"), "/auxv", lambda a, p: c.typed(
        a, p, [("type", is_str), ("value", natural)]))
    if "kernel-region" in doc:
        c.typed(doc["kernel-region"], "/kernel-region", [
            ("start", positive), ("end", positive),
            ("user-accessible", is_bool)])
    if "stack" in doc:
        check_stack(c, doc["stack"])


def check_stack(c, stack):
    pointer = lambda p, path: c.typed(p, path, [
        ("at", positive), ("value", positive)], [("string", is_str)])
    c.typed(stack, "/stack", [
        ("sp", positive), ("argc", natural), ("argv", is_list),
        ("envp", is_list), ("auxv", is_list), ("strings-start", positive),
        ("strings-end", positive)])
    if not is_map(stack):
        return
    c.each(stack.get("argv"), "/stack/argv", pointer)
    c.each(stack.get("envp"), "/stack/envp", pointer)
    if len(stack.get("argv", [])) != stack.get("argc"):
        c.fail("/stack", "argc is not the length of argv")
    c.each(stack.get("auxv"), "/stack/auxv", lambda a, p: c.typed(
        a, p, [("at", positive), ("type", is_str), ("value", natural)],
        [("string", is_str)]))


# -- replay ----------------------------------------------------------------
def check_error(c, e, path):
    c.typed(e, path, [("file", is_str), ("message", is_str),
                      ("kind", one_of("script", "memory", "elfault"))],
            [("line", positive), ("column", positive)])
    if is_map(e) and ("line" in e) != ("column" in e):
        c.fail(path, "line without column or column without line")


def check_fault(c, f, path):
    c.typed(f, path, [
        ("access", one_of("read", "write", "fetch")),
        ("mode", one_of("user", "kernel")), ("cr2", natural),
        ("error-code", natural), ("error", is_str), ("walk", is_str),
        ("from-tlb", is_bool), ("kind", is_str)], [
        ("eip", positive),
        ("eip-symbol", lambda v: is_str(v) and not v.startswith("0x")),
        ("in-interrupt", is_bool), ("pde", natural), ("pte", natural),
        ("vma", is_map), ("signal", is_str), ("code", is_str),
        ("why", is_str), ("bad-area", is_str), ("fixup-eip", positive),
        ("oops-number", positive), ("panic", is_bool), ("report", str_list),
        ("major", is_bool), ("swap-slot", positive), ("then-copied", is_bool),
        ("old-frame", natural), ("frame", natural),
        ("mapped-around", natural), ("pages-read", natural),
        ("stack-grown", is_bool)])
    if is_map(f) and "vma" in f:
        c.typed(f["vma"], path + "/vma", [
            ("start", natural), ("end", positive), ("perms", perms)],
            [("name", is_str)])


def check_reclaim(c, r, path):
    c.typed(r, path, [("action", is_str)], [
        ("pid", positive), ("name", is_str), ("points", natural),
        ("total-vm-kb", natural), ("anon-rss-kb", natural),
        ("file-rss-kb", natural), ("shmem-rss-kb", natural),
        ("pgtables-kb", natural),
        ("frame", natural), ("ptes-cleared", natural), ("file", is_str),
        ("index", natural), ("process", is_str), ("address", natural),
        ("swap-slot", positive), ("swap-pte", positive)])


def check_view(c, v, path):
    c.typed(v, path, [], [
        ("pid", positive), ("cr3", positive), ("vmas", is_list),
        ("page-table", is_list), ("entries", is_list),
        ("frames-in-use", natural), ("kernel-frames", natural),
        ("frames", is_list)])
    if not is_map(v):
        return
    c.each(v.get("vmas", []), path + "/vmas",
           lambda x, p: check_vma(c, x, p, False))
    c.each(v.get("page-table", []), path + "/page-table",
           lambda x, p: c.typed(x, p, [
               ("start", natural), ("end", positive),
               ("level", one_of("pte", "pmd")), ("present", is_bool),
               ("flags", str_list)]))
    c.each(v.get("entries", []), path + "/entries", lambda x, p: c.typed(
        x, p, [("level", one_of("pde", "pte")), ("index", natural),
               ("at", natural), ("value", natural), ("bits", str_list),
               ("address", natural)],
        [("frame", natural), ("swap-slot", positive)]))
    c.each(v.get("frames", []), path + "/frames", lambda x, p: check_frame(
        c, x, p))


def check_frame(c, f, path):
    c.typed(f, path, [
        ("frame", natural), ("kind", is_str), ("refcount", natural),
        ("mapcount", natural), ("holds", is_str), ("dirty", is_bool),
        ("mapped-by", is_list)], [
        ("directory", is_bool), ("pid", positive), ("start", natural),
        ("end", positive), ("address", natural), ("file", is_str),
        ("index", natural), ("swap-slot", positive)])
    if not is_map(f):
        return
    if (f.get("kind") == "page-table") != ("directory" in f):
        c.fail(path, "directory is there for page-table frames only")
    c.each(f.get("mapped-by"), path + "/mapped-by", lambda x, p: c.typed(
        x, p, [("pid", positive), ("address", natural),
               ("writable", is_bool)]))


def check_step(c, s, path):
    c.typed(s, path, [
        ("step", positive), ("line", positive), ("action", is_str),
        ("pid", natural), ("process", is_str), ("reclaim", is_list),
        ("faults", is_list), ("failed", is_list)], [
        ("address", natural), ("address-name", is_str), ("size", positive),
        ("value", natural), ("written", natural),
        ("operand-values", lambda v: is_list(v) and all(map(is_int, v))),
        ("new-pid", positive), ("syscall", is_str), ("number", natural),
        ("args", lambda v: is_list(v) and all(map(is_int, v))),
        ("path", is_str), ("buffer", natural), ("count", natural),
        ("access-ok", is_bool), ("copied", natural), ("data", is_str),
        ("result", is_int), ("errno", is_str), ("panicked", is_bool),
        ("oom-killed", one_of(True)), ("minflt", natural),
        ("majflt", natural), ("show", is_map), ("sysenter", natural),
        ("trap", is_str), ("eip", natural), ("signal", is_str)])
    if not is_map(s):
        return
    c.each(s.get("reclaim"), path + "/reclaim",
           lambda x, p: check_reclaim(c, x, p))
    c.each(s.get("faults"), path + "/faults",
           lambda x, p: check_fault(c, x, p))
    c.each(s.get("failed"), path + "/failed", lambda x, p: c.typed(
        x, p, [("expect", is_str), ("line", positive), ("column", positive),
               ("expected", is_str), ("actual", is_str)]))
    if "show" in s:
        check_view(c, s["show"], path + "/show")


def check_replay(c, doc, required=(), optional=()):
    c.typed(doc, "", [("steps", is_list), ("processes", is_list),
                      ("summary", is_map)] + list(required),
            [("error", is_map), ("end", is_list), ("machine", is_map),
             ("vmstat", int_map)] + list(optional))
    if not is_map(doc):
        return
    c.each(doc.get("steps"), "/steps", lambda s, p: check_step(c, s, p))
    if "error" in doc:
        check_error(c, doc["error"], "/error")
    c.each(doc.get("end", []), "/end", lambda v, p: check_view(c, v, p))
    c.each(doc.get("processes"), "/processes", lambda x, p: c.typed(
        x, p, [("pid", positive), ("name", is_str), ("minflt", natural),
               ("majflt", natural), ("running", is_bool)]))
    c.typed(doc.get("summary"), "/summary", [
        (k, natural) for k in ("steps", "faults", "minor", "major",
                                "signals", "fixups", "oopses", "reclaimed",
                                "oom-kills", "expectations-failed")],
        [("panic-step", positive)])
    if "machine" in doc:
        c.typed(doc["machine"], "/machine", [
            ("memory", positive), ("frames", positive),
            ("peak-frames", natural), ("swap-slots", natural),
            ("swap-slots-used", natural), ("policy", is_str)])


# -- compare ---------------------------------------------------------------
def check_compare(c, doc):
    def run(r, path):
        c.typed(r, path, [
            ("policy", is_str), ("memory", positive), ("frames", positive),
            ("status", one_of("ok", "exhausted", "error")),
            ("vmstat", int_map)],
            [("kernel-frames", positive), ("error", is_map)])
        if is_map(r) and ("error" in r) != (r.get("status") != "ok"):
            c.fail(path, "an error record is there when status is not ok")
        if is_map(r) and "error" in r:
            check_error(c, r["error"], path + "/error")

    c.typed(doc, "", [("script", is_str), ("swap", natural),
                      ("runs", is_list), ("anomalies", is_list)])
    if not is_map(doc):
        return
    c.each(doc.get("runs"), "/runs", run)
    c.each(doc.get("anomalies"), "/anomalies", lambda a, p: c.typed(
        a, p, [("policy", is_str), ("smaller", positive),
               ("larger", positive)]))


# -- run: a replay's document, the program's exit and its output --------
def check_run(c, doc):
    check_replay(c, doc, [("exit-code", is_int), ("instructions", natural),
                          ("output", is_list)],
                 [("output-dropped", positive)])
    if is_map(doc):
        c.each(doc.get("output"), "/output", lambda o, p: c.typed(
            o, p, [("pid", positive), ("fd", natural), ("text", is_str)]))


CHECKS = {"sections": check_sections, "maps": check_maps,
          "replay": check_replay, "compare": check_compare,
          "run": check_run}


def main(args):
    for arg in args:
        kind, path, description = arg.split(":", 2)
        c = Checker()
        try:
            with open(path, encoding="utf-8") as f:
                docs = list(yaml.safe_load_all(f))
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            docs = None
            c.fail("", "does not load: %s" % str(e).replace("\n", " "))
        if docs is not None and len(docs) != 1:
            c.fail("", "%d documents, not one" % len(docs))
        elif docs is not None:
            c.walk(docs[0], "")
            CHECKS[kind](c, docs[0])
        print("%sok - %s" % ("not " if c.problems else "", description))
        for problem in c.problems:
            print("# %s" % problem)


main([line.rstrip("\n") for line in sys.stdin if line.strip()])
