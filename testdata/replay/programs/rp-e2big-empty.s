# rp-e2big-empty.s -- execve() with argv NULL and 16 environment strings
# that fill the 2 MiB limit to the byte, with the 14-byte name
# "./nonexistent" (which does not exist): 6.1 gives an empty argv its ""
# (copy_string_kernel(), checked against bprm->argmin) before
# bprm_execve() opens the file, so the call is E2BIG, not ENOENT.
# exit(-execve's result): 7.  rp-e2big-room is the same with one byte
# of room: ENOENT, 2.  (From a review of f4bba19.)
        .set    LAST_NUL, 130989       # the limit, to the byte
        .include "rp-e2big.inc"
