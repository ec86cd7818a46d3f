/* cpuid.c - QEMU 7.2's qemu32 cpuid answers (cpuid.h). */
#include <config.h>

#include <string.h>

#include "cpuid.h"

/* Read in the VM (-cpu qemu32, TCG) by testdata/src/cpuid-leaves.s. */
static const struct {
	uint32_t leaf, subleaf, regs[4];
} leaves[] = {
	{ 0x00000000, 0, { 0x00000004, 0x756e6547, 0x6c65746e, 0x49656e69 } },
	{ 0x00000001, 0, { 0x00000663, 0x00000800, 0x80000001, 0x0781abfd } },
	{ 0x00000002, 0, { 0x00000001, 0x00000000, 0x0000004d, 0x002c307d } },
	{ 0x00000003, 0, { 0, 0, 0, 0 } },
	{ 0x00000004, 0, { 0x00000121, 0x01c0003f, 0x0000003f, 0x00000001 } },
	{ 0x00000004, 1, { 0x00000122, 0x01c0003f, 0x0000003f, 0x00000001 } },
	{ 0x00000004, 2, { 0x00000143, 0x03c0003f, 0x00000fff, 0x00000001 } },
	{ 0x00000004, 3, { 0x00000163, 0x03c0003f, 0x00003fff, 0x00000006 } },
	{ 0x40000000, 0, { 0x40000001, 0x54474354, 0x43544743, 0x47435447 } },
	{ 0x40000001, 0, { 0, 0, 0, 0 } },
	{ 0x80000000, 0, { 0x80000004, 0x756e6547, 0x6c65746e, 0x49656e69 } },
	{ 0x80000001, 0, { 0x00000663, 0, 0, 0 } },
	{ 0x80000002, 0, { 0x554d4551, 0x72695620, 0x6c617574, 0x55504320 } },
	{ 0x80000003, 0, { 0x72657620, 0x6e6f6973, 0x352e3220, 0x0000002b } },
	{ 0x80000004, 0, { 0, 0, 0, 0 } },
};

enum { BASIC_MAX = 4, HYPERVISOR_MAX = 0x40000001u,
       EXTENDED_MAX = 0x80000004u, CENTAUR_MAX = 0 };

/* cpu_x86_cpuid()'s limit for LEAF's range. */
static uint32_t limit_of(uint32_t leaf)
{
	if (leaf >= 0xc0000000u)
		return CENTAUR_MAX;
	if (leaf >= 0x80000000u)
		return EXTENDED_MAX;
	if (leaf >= 0x40000000u)
		return HYPERVISOR_MAX;
	return BASIC_MAX;
}

void cpuid_qemu32(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
	if (leaf > limit_of(leaf))
		leaf = BASIC_MAX;
	/* only leaf 4 looks at ECX: a cache it does not have is all 0 */
	if (leaf != 4)
		subleaf = 0;
	memset(out, 0, 4 * sizeof *out);
	for (size_t i = 0; i < sizeof leaves / sizeof leaves[0]; i++)
		if (leaves[i].leaf == leaf && leaves[i].subleaf == subleaf) {
			memcpy(out, leaves[i].regs, sizeof leaves[i].regs);
			return;
		}
}
