/* kernel_text.h - the modelled kernel's code: its routines that touch
 * user memory, their exception table, and the names of kernel addresses.
 *
 * elfault runs no kernel instructions.  It models, instruction by
 * instruction, the kernel routine that copies to and from user memory
 * (uaccess.h), and for each fault that routine takes it needs what the
 * real kernel needs: the faulting EIP, whether the exception table lists
 * that instruction (search_exception_tables(), arch/x86/mm/extable.c)
 * and where its fixup resumes.
 *
 * The routine keeps the shape and the offsets it has in Debian 12's 6.1
 * "686" kernel (disassembled from that kernel's vmlinuz; the i386 VM's
 * fault traces name the same offsets), and it sits in the modelled kernel
 * text (kernel_space.h) at the same offset within its page, so a fault
 * reads "__copy_user_ll+0x40/0xe0" as it does in that kernel's traces.
 *
 * __copy_user_ll(to, from, n) (arch/x86/lib/usercopy_32.c) has two paths:
 *
 *  - the movsl path (n < 64, or the two addresses agree modulo 8):
 *    "rep movsb" up to 8-byte alignment of the destination, "rep movsl",
 *    "rep movsb" for the tail; a fault's fixup counts what is left
 *    exactly (to the dword for movsl);
 *  - the Intel path (CONFIG_X86_INTEL_USERCOPY, n >= 64 and the addresses
 *    disagree modulo movsl_mask + 1): 64-byte blocks of movl pairs, each
 *    block first touching from+32 (and from+64 when more than 67 bytes
 *    are left); a fault anywhere in a block counts the whole block and the
 *    rest as not copied, then movsl and movsb for what is under 64.
 *
 * clear_user(to, n) (arch/x86/lib/usercopy_32.c, __do_clear_user()
 * inlined) checks access_ok(to, n), then zeroes n / 4 dwords with
 * "rep stosl" and n % 4 bytes with "rep stosb".  A fault's fixup counts
 * what is left: for stosl the dwords left times 4 plus n % 4
 * (EX_TYPE_UCOPY_LEN4), for stosb the bytes left; clear_user() returns
 * that.  exec's padzero() is its best-known caller.
 */
#ifndef ELFAULT_KERNEL_TEXT_H
#define ELFAULT_KERNEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* __copy_user_ll's place and size in the modelled kernel text. */
#define KTEXT_COPY_USER_LL 0xc0001320u
#define KTEXT_COPY_USER_LL_SIZE 0xe0u

/* clear_user's place and size, and its instructions (offsets). */
#define KTEXT_CLEAR_USER 0xc0001570u
#define KTEXT_CLEAR_USER_SIZE 0x43u

enum clear_user_offset {
	CLU_STOSL = 0x2d,		/* 0: rep stosl */
	CLU_STOSB = 0x31,		/* 1: rep stosb */
	CLU_FIXUP = 0x33,		/* 2: where both resume */
};

/* strncpy_from_user's place and size, its two loads and their fixups
 * (lib/strncpy_from_user.c, CONFIG_DCACHE_WORD_ACCESS): the word loop
 * reads 4 bytes at a time; a fault there resumes byte by byte from the
 * same place, and a fault in the byte loop ends in EFAULT. */
#define KTEXT_STRNCPY_FROM_USER 0xc0002540u
#define KTEXT_STRNCPY_FROM_USER_SIZE 0x120u

enum strncpy_from_user_offset {
	SFU_WORD = 0x75,		/* mov (%esi,%edx,1),%ecx */
	SFU_WORD_FIXUP = 0xc8,		/* byte_at_a_time */
	SFU_BYTE = 0xd8,		/* mov (%esi,%eax,1),%dl */
	SFU_BYTE_FIXUP = 0xf0,		/* efault */
};

/* fault_in_readable's place and size (mm/gup.c): write() to a regular
 * file prefaults the user's buffer with it, one byte per page - the
 * first byte when the buffer does not start a page, then each page's
 * first; a fault's fixup ends the loop (what is left is not faulted in). */
#define KTEXT_FAULT_IN_READABLE 0xc0003fa0u
#define KTEXT_FAULT_IN_READABLE_SIZE 0xc0u

enum fault_in_readable_offset {
	FIR_FIRST = 0x3a,		/* the unaligned first byte */
	FIR_FIRST_FIXUP = 0x90,
	FIR_PAGE = 0x60,		/* each page's first byte */
	FIR_PAGE_FIXUP = 0x70,
};

/* put_user() of 4 bytes (arch/x86/lib/putuser.S): __put_user_4 checks
 * the address and falls into __put_user_nocheck_4, whose store has an
 * exception-table entry; its fixup (__put_user_handle_exception, past
 * the routine) returns EFAULT. */
#define KTEXT_PUT_USER_4 0xc000308cu
#define KTEXT_PUT_USER_4_SIZE 0x9u
#define KTEXT_PUT_USER_NOCHECK_4 0xc0003095u
#define KTEXT_PUT_USER_NOCHECK_4_SIZE 0xbu

enum put_user_offset {
	PUT_STORE = 0x3,		/* of nocheck_4: movl %eax,(%ecx) */
	PUT_FIXUP = 0x23,		/* of nocheck_4 */
};

/* put_user() of 8 bytes: __put_user_8 checks the range (the 8 bytes
 * below TASK_SIZE) and falls into __put_user_nocheck_8, which stores the
 * low word, then the high one, each with the same fixup as the 4-byte
 * store's (__put_user_handle_exception: EFAULT). */
#define KTEXT_PUT_USER_8 0xc00030a0u
#define KTEXT_PUT_USER_8_SIZE 0x9u
#define KTEXT_PUT_USER_NOCHECK_8 0xc00030a9u
#define KTEXT_PUT_USER_NOCHECK_8_SIZE 0xeu

enum put_user_8_offset {
	PUT8_STORE_LOW = 0x3,		/* of nocheck_8: movl %eax,(%ecx) */
	PUT8_STORE_HIGH = 0x5,		/* movl %edx,0x4(%ecx) */
};

/* filldir64 (fs/readdir.c), getdents64's callback: for each entry,
 * after user_write_access_begin(), unsafe_put_user() stores - the
 * previous record's d_off (low word, high word), this one's d_ino (low,
 * high), d_reclen (2 bytes), d_type (1), the NUL after the name - then
 * unsafe_copy_dirent_name() copies the name 8 bytes at a time (two
 * words), then 4, 2 and 1; every store's fault resumes at efault_end,
 * which makes the call EFAULT. */
#define KTEXT_FILLDIR64 0xc00064f0u
#define KTEXT_FILLDIR64_SIZE 0x1a0u

enum filldir64_offset {
	FD64_PREV_OFF = 0x86, FD64_PREV_OFF_HIGH = 0x88,
	FD64_INO = 0x94, FD64_INO_HIGH = 0x96,
	FD64_RECLEN = 0x9d, FD64_TYPE = 0xa5, FD64_NUL = 0xab,
	FD64_NAME8 = 0xc5, FD64_NAME8_HIGH = 0xc7,
	FD64_NAME4 = 0xe5, FD64_NAME2 = 0xfe, FD64_NAME1 = 0x117,
	FD64_FIXUP = 0x138,		/* efault_end */
};

/* get_user() of 4 bytes (arch/x86/lib/getuser.S): a range check, then
 * one load with an exception-table entry (bad_get_user: EFAULT, 0). */
#define KTEXT_GET_USER_4 0xc0003bd8u
#define KTEXT_GET_USER_4_SIZE 0x18u

enum get_user_offset {
	GET_LOAD = 0x10,		/* mov (%eax),%edx */
	GET_FIXUP = 0x78,		/* bad_get_user, past the routine */
};

/* strnlen_user (lib/strnlen_user.c): aligned words, the first one with
 * the bytes before the string masked; a fault returns 0. */
#define KTEXT_STRNLEN_USER 0xc0002660u
#define KTEXT_STRNLEN_USER_SIZE 0x110u

enum strnlen_user_offset {
	SNU_FIRST = 0x45,		/* mov (%esi),%eax */
	SNU_WORD = 0x90,		/* mov (%esi,%ecx,1),%edi */
	SNU_FIXUP = 0xc0,		/* efault: return 0 */
};

/* __rseq_handle_notify_resume (kernel/rseq.c, rseq_update_cpu_id()
 * inlined): after user_write_access_begin()'s range check, two
 * unsafe_put_user() stores - cpu_id_start, then cpu_id - whose exception
 * table entries resume at its efault label (the task gets SIGSEGV).  In
 * the 6.1 686 kernel it is at 0xc1225050; the stores are at +0x23f and
 * +0x241, the fixup at +0x2b0 (its __ex_table). */
#define KTEXT_RSEQ_NOTIFY_RESUME 0xc0006050u
#define KTEXT_RSEQ_NOTIFY_RESUME_SIZE 0x3a0u

enum rseq_notify_resume_offset {
	RSEQ_PUT_CPU_ID_START = 0x23f,	/* mov %edx,(%eax) */
	RSEQ_PUT_CPU_ID = 0x241,	/* mov %edx,0x4(%eax) */
	RSEQ_PUT_FIXUP = 0x2b0,		/* efault_end */
};

/* The EIP of a kernel access a script does not place: an address in the
 * modelled kernel text outside every routine. */
#define KTEXT_UNNAMED 0xc0005000u

/* Offsets of its instructions that touch memory, and of the fixups. */
enum copy_user_ll_offset {
	CUL_MOVSB_ALIGN = 0x35,		/* 4: rep movsb (to 8-byte alignment) */
	CUL_MOVSL = 0x40,		/* 0: rep movsl */
	CUL_MOVSB_TAIL = 0x44,		/* 1: rep movsb (the tail, or n <= 7) */
	CUL_MOVS_FIXUP = 0x46,		/* 2: where the three resume */
	CUL_INTEL_TOUCH_32 = 0x50,	/* 1: movl 32(from), %eax */
	CUL_INTEL_TOUCH_64 = 0x58,	/* 2: movl 64(from), %eax */
	CUL_INTEL_BLOCK = 0x5c,		/* 3: the first movl of a block */
	CUL_INTEL_BLOCK_END = 0xba,	/* after the 32 movl of a block */
	CUL_INTEL_MOVSL = 0xd1,		/* rep movsl (under 64 bytes left) */
	CUL_INTEL_MOVSB = 0xd5,		/* rep movsb */
	CUL_INTEL_FIXUP = 0xd7,		/* 100: where the Intel path resumes */
};

/* The offset of movl J (0: load from+8K, 1: load from+8K+4, 2: store to
 * to+8K, 3: store to to+8K+4) of pair K (0 to 7) in a 64-byte block: the
 * first pair is shorter, "(%esi)" taking no displacement byte. */
uint32_t kernel_text_intel_movl(unsigned k, unsigned j);

/* search_exception_tables(): does the instruction at EIP have an entry?
 * When it does, *FIXUP is where execution resumes. */
bool kernel_text_fixup(uint32_t eip, uint32_t *fixup);

/* EIP as printk's %pS writes it: "NAME+0xOFF/0xSIZE" inside a modelled
 * routine, else "0xADDR".  Written into BUF, which is returned. */
const char *kernel_text_symbolize(uint32_t eip, char *buf, size_t size);

/* The address TEXT names: a number, or NAME or NAME+OFFSET of a modelled
 * routine.  False when TEXT names nothing elfault models. */
bool kernel_text_lookup(const char *text, uint32_t *eip);

#endif
