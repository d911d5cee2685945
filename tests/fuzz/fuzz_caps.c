// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the capability walker and every decoder on config bytes.
 * The input is config space; its length is the "bytes present" mask. The
 * bytes past it are poisoned, so a decoder that reads beyond what was read
 * from the device is an AddressSanitizer report, not a plausible zero.
 */
#include "iov.h"

#include <sanitizer/asan_interface.h>
#include <stdint.h>
#include <string.h>

/* every decoder, called directly at an offset the input picks */
static void decode_all_at(const struct iov_config *cfg, unsigned off)
{
	struct iov_capset c;

	memset(&c, 0, sizeof(c));
	decode_pcie(cfg, off, &c.pcie);
	decode_pm(cfg, off, &c.pm);
	decode_msi(cfg, off, &c.msi);
	decode_msix(cfg, off, &c.msix);
	decode_sriov(cfg, off, &c.sriov);
	decode_ari(cfg, off, &c.ari);
	decode_acs(cfg, off, &c.acs);
	decode_ats(cfg, off, &c.ats);
	decode_pri(cfg, off, &c.pri);
	decode_pasid(cfg, off, &c.pasid);
	decode_aer(cfg, off, &c.aer);
	decode_dsn(cfg, off, &c.dsn);
	iov_acs_missing(&c.acs);
	iov_link_speed_gts(c.pcie.link_speed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iov_config cfg;
	struct iov_caps caps;
	struct iov_capset set;
	size_t n = size < IOV_CFG_SIZE ? size : IOV_CFG_SIZE;
	unsigned i, off;

	ASAN_UNPOISON_MEMORY_REGION(cfg.bytes, sizeof(cfg.bytes));
	memcpy(cfg.bytes, data, n);
	cfg.len = n;
	ASAN_POISON_MEMORY_REGION(cfg.bytes + n, sizeof(cfg.bytes) - n);

	iov_caps_walk(&cfg, &caps);
	if (caps.n > IOV_MAX_CAPS)
		__builtin_trap();
	for (i = 0; i < caps.n; i++) {
		if (caps.cap[i].offset >= n)
			__builtin_trap();	/* a capability where nothing was read */
		iov_cap_name(caps.cap[i].space, caps.cap[i].id);
		iov_cap_desc(caps.cap[i].space, caps.cap[i].id);
	}
	iov_walk_status_str(caps.std_status);
	iov_walk_status_str(caps.ext_status);
	memset(&set, 0, sizeof(set));
	iov_caps_decode(&cfg, &caps, &set);

	/* the last two bytes (past a whole config space: the bytes after it) pick an offset */
	off = size >= 2 ? (unsigned)(data[size - 1] | data[size - 2] << 8) % (IOV_CFG_SIZE + 8) : 0;
	decode_all_at(&cfg, off);
	return 0;
}
