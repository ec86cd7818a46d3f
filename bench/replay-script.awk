# bench/replay-script.awk - a replay script of STEPS steps for bench/replay.sh,
# its steps in the block style elfault-script(5) writes them in.
# KIND=hits: reads and writes cycling over 1024 pages of one mapping, so
# each page faults once (an even page on a read: the zero page; an odd
# one on a write: a new page) and every later step is a TLB hit or a
# walk.  KIND=faults: every write is to a page not mapped yet (a new
# anonymous page), the region unmapped and mapped again every 1024 pages
# so that memory is reused.  KIND=values: as hits, but each step a
# one-line flow mapping that also gives the value to write (four scalars
# where hits has two: libyaml's floor is higher).
# The last step expects the process's minflt, the faults the script was
# made to take (and exec's padzero fault): a replay that exits 0 took
# exactly those.
# usage: awk -v steps=N -v kind=hits|faults|values -v exe=ELF -f replay-script.awk
BEGIN {
	base = 1073741824	# 0x40000000
	print "machine:\n  memory: 1G\nsteps:"
	print "  - exec: " exe
	mmap = "  - mmap: 0x40000000\n    length: 0x400000\n    prot: rw\n" \
	       "    flags: [private, anonymous, fixed]"
	print mmap
	faults = 1	# exec's own: padzero()'s, on seed/a.out's .data page
	for (i = 0; i < steps; i++) {
		last = i == steps - 1
		if (kind == "faults") {
			page = i % 1025
			if (page == 1024) {
				print "  - munmap: 0x40000000\n    length: 0x400000"
				print mmap
			} else {
				printf "  - write: 0x%08x\n", base + page * 4096
				faults++
			}
		} else {
			page = i % 1024
			if (i < 1024)
				faults++
			if (kind == "values") {
				printf "  - {write: 0x%08x, value: %d", base + page * 4096,
				       i % 256
				printf "%s}\n", last ? sprintf(", expect: {minflt: %d}",
								faults) : ""
				continue
			}
			printf "  - %s: 0x%08x\n", page % 2 ? "write" : "read",
			       base + page * 4096
		}
		if (last)
			printf "    expect: {minflt: %d}\n", faults
	}
}
