// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * VM live migration of a VF needs a vfio-pci variant driver that implements
 * VFIO migration. Which one fits a VF is what the kernel's modules.alias
 * says for the VF's modalias with the "vfio_pci:" prefix; like libvirt, the
 * most specific pattern (fewest wildcards) wins. Nothing here opens a VFIO
 * device: opening one resets it.
 *
 * modules.alias is read as text rather than through libkmod: libkmod looks
 * aliases up in modules.alias.bin, which fixtures and snapshots cannot
 * carry, and does not return the pattern that matched, which the "most
 * specific" choice needs.
 */
#include "iov-private.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

/* mainline variant drivers that implement VFIO migration */
static const char *const variants[] = {
	"mlx5_vfio_pci", "hisi_acc_vfio_pci", "pds_vfio_pci", "virtio_vfio_pci",
	"qat_vfio_pci", "xe_vfio_pci",
};

bool iov_vfio_is_variant(const char *driver)
{
	size_t i, n;

	if (!driver)
		return false;
	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		/* the PCI driver name may use '-' where the module uses '_' */
		for (n = 0; variants[i][n]; n++)
			if (driver[n] != variants[i][n] &&
			    !(driver[n] == '-' && variants[i][n] == '_'))
				break;
		if (!variants[i][n] && !driver[n])
			return true;
	}
	return false;
}

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The running kernel's /lib/modules/<release>; for a fixture or snapshot,
 * <root>/../lib/modules/<release> with the release from its proc/sys/kernel/osrelease.
 */
int iov_modules_dir(struct iov_ctx *ctx, char *buf, size_t len)
{
	char release[128], path[PATH_MAX];
	struct utsname u;
	int r;

	if (iov_ctx_is_live(ctx)) {
		if (uname(&u) < 0)
			return -errno;
		r = snprintf(buf, len, "/lib/modules/%s", u.release);
	} else {
		r = iov_proc_path(ctx, path, sizeof(path), "sys/kernel/osrelease");
		if (r < 0)
			return r;
		r = iov_read_file(path, release, sizeof(release));
		if (r < 0)
			return r;
		r = snprintf(buf, len, "%s/../lib/modules/%s", iov_ctx_sysfs_root(ctx), release);
	}
	if (r < 0 || (size_t)r >= len)
		return -ENAMETOOLONG;
	return is_dir(buf) ? 0 : -ENOENT;
}

static unsigned wildcards(const char *p)
{
	unsigned n = 0;

	for (; *p; p++)
		n += *p == '*' || *p == '?' || *p == '[';
	return n;
}

/* "alias vfio_pci:v...sv*... mlx5_vfio_pci": the best match for modalias */
static int best_alias(const char *moddir, const char *modalias, char *module, size_t len)
{
	char path[PATH_MAX], line[1024];
	unsigned best = ~0u;
	FILE *f;

	if ((size_t)snprintf(path, sizeof(path), "%s/modules.alias", moddir) >= sizeof(path))
		return -ENAMETOOLONG;
	f = fopen(path, "re");
	if (!f)
		return -errno;
	module[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		char pat[512], mod[128];
		unsigned w;

		/* vfio_pci's own catch-all and variants without migration do not count */
		if (strncmp(line, "alias vfio_pci:", 15) != 0 ||
		    sscanf(line, "alias %511s %127s", pat, mod) != 2 || !iov_vfio_is_variant(mod))
			continue;
		if (fnmatch(pat, modalias, 0) != 0)
			continue;
		w = wildcards(pat);
		/* equal specificity: keep the first, as the file is sorted by depmod */
		if (w < best) {
			best = w;
			snprintf(module, len, "%s", mod);
		}
	}
	fclose(f);
	return 0;
}

/* a module file listed in modules.dep, or a built-in one in modules.builtin */
static bool module_installed(const char *moddir, const char *module)
{
	static const char *const files[] = { "modules.dep", "modules.builtin" };
	char path[PATH_MAX], line[1024], want[160];
	size_t i;
	bool found = false;

	for (i = 0; i < sizeof(files) / sizeof(files[0]) && !found; i++) {
		FILE *f;

		if ((size_t)snprintf(path, sizeof(path), "%s/%s", moddir, files[i]) >= sizeof(path))
			continue;
		f = fopen(path, "re");
		if (!f)
			continue;
		while (!found && fgets(line, sizeof(line), f)) {
			char *end = strpbrk(line, ":\n"), *base, *dot, *p;

			if (end)
				*end = '\0';
			base = strrchr(line, '/');
			base = base ? base + 1 : line;
			dot = strstr(base, ".ko");
			if (dot)
				*dot = '\0';
			/* file names use '-' or '_' freely */
			for (p = base; *p; p++)
				if (*p == '-')
					*p = '_';
			snprintf(want, sizeof(want), "%s", module);
			for (p = want; *p; p++)
				if (*p == '-')
					*p = '_';
			found = strcmp(base, want) == 0;
		}
		fclose(f);
	}
	return found;
}

int iov_vf_migration(struct iov_ctx *ctx, const struct iov_dev *vf, struct iov_vf_migration *out)
{
	char moddir[PATH_MAX], modalias[256], key[300];
	int r;

	memset(out, 0, sizeof(*out));
	out->bound_variant = iov_vfio_is_variant(vf->driver);
	if (!iov_dev_may_have(vf, IOV_DIR_MODALIAS))
		return -ENOENT;
	r = iov_sysfs_read_str(ctx, modalias, sizeof(modalias), "bus/pci/devices/%s/modalias",
			       vf->addr);
	if (r < 0 || strncmp(modalias, "pci:", 4) != 0)
		return r < 0 ? r : -EINVAL;
	if (iov_modules_dir(ctx, moddir, sizeof(moddir)) < 0)
		return 0;	/* no module index: lookup stays unknown */
	snprintf(key, sizeof(key), "vfio_pci:%s", modalias + 4);
	r = best_alias(moddir, key, out->variant, sizeof(out->variant));
	if (r < 0)
		return 0;
	out->looked_up = true;
	if (out->variant[0])
		out->installed = module_installed(moddir, out->variant);
	return 0;
}
