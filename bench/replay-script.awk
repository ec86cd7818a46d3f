# bench/replay-script.awk - a replay script of STEPS steps for bench/replay.sh.
# KIND=hits: writes cycling over 1024 mapped pages (one fault each, then
# TLB hits and misses only); KIND=faults: every write is to a page not
# yet mapped (an anonymous fault), the region unmapped and mapped again
# every 1024 pages so that memory is reused.
# usage: awk -v steps=N -v kind=hits|faults -v exe=ELF -f replay-script.awk
BEGIN {
	print "machine:\n  memory: 1G\nsteps:"
	print "  - exec: " exe
	print "  - mmap: 0x40000000\n    length: 0x400000\n    prot: rw\n    flags: [private, anonymous, fixed]"
	for (i = 0; i < steps; i++) {
		if (kind == "hits")
			printf "  - {write: 0x%08x, value: %d}\n", 1073741824 + (i % 1024) * 4096, i % 256
		else if (i % 1025 == 1024)
			print "  - {munmap: 0x40000000, length: 0x400000}\n  - {mmap: 0x40000000, length: 0x400000, prot: rw, flags: [private, anonymous, fixed]}"
		else
			printf "  - {write: 0x%08x}\n", 1073741824 + (i % 1025) * 4096
	}
}
