/* cpuid.h - what the cpuid instruction answers on the CPU the real
 * kernel is checked on: QEMU 7.2's qemu32 model under TCG (the i386 VM,
 * -cpu qemu32), as a program there read it (testdata/src/cpuid-leaves.s).
 *
 * glibc picks its string functions by cpuid (IFUNC, init_cpu_features()),
 * and those functions take different faults, so a program's fault list
 * depends on these answers.  Unicorn 2.0.1's own UC_CPU_X86_QEMU32
 * differs from QEMU 7.2's in leaf 1's feature bits (no SSE2, FXSR, CMOV
 * ..., no hypervisor bit), leaf 2, leaf 4's fourth cache, the hypervisor
 * leaf 0x40000000 ("TCGTCGTCGTCG") and 0x80000001, so the CPU answers
 * from this table instead.  A leaf above its range's limit answers as
 * the highest basic leaf (4) does, as QEMU's cpu_x86_cpuid() does after
 * the Intel SDM.
 */
#ifndef ELFAULT_CPUID_H
#define ELFAULT_CPUID_H

#include <stdint.h>

/* EAX, EBX, ECX, EDX for cpuid with EAX = LEAF and ECX = SUBLEAF. */
void cpuid_qemu32(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

#endif
