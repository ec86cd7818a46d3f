# rp-e2big-room.s -- rp-e2big-empty with the last string a byte shorter:
# the "" an empty argv gets fits, the file is opened, and it does not
# exist: exit(-execve's result), 2 (ENOENT).
        .set    LAST_NUL, 130988       # a byte of room
        .include "rp-e2big.inc"
