/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Snapshots: a copy of the part of /sys and /proc that iovctl reads, laid out
 * as DIR/sys and DIR/proc so that `iovctl --sysfs-root DIR/sys` replays it.
 * Like the rest of libiov nothing here prints or exits.
 */
#ifndef IOV_SNAPSHOT_H
#define IOV_SNAPSHOT_H

#include <stdint.h>
#include <stdio.h>

#include "iov.h"

/* refuse to copy more than this many bytes of attribute data by default */
#define IOV_SNAPSHOT_DEFAULT_MAX (64ULL << 20)
/* the largest bound a capture takes: more is a tree gone wrong, or a full disk */
#define IOV_SNAPSHOT_LIMIT_MAX (1ULL << 30)
/* name of the manifest written at the top of every snapshot */
#define IOV_SNAPSHOT_MANIFEST "iovctl-snapshot.txt"

struct iov_snapshot_opts {
	uint64_t max_bytes;	/* bound on file data copied; 0 = IOV_SNAPSHOT_DEFAULT_MAX */
};

struct iov_snapshot_stats {
	unsigned long dirs;		/* directories created */
	unsigned long files;		/* attribute files copied */
	unsigned long links;		/* symlinks re-created (relative, inside) */
	uint64_t bytes;			/* file data copied, bytes */
	unsigned long skipped_action;	/* resourceN, rom, remove, reset, bind, ... not read */
	unsigned long skipped_wronly;	/* write-only attributes */
	unsigned long skipped_unreadable; /* open/read failed (EIO, EACCES, ...) */
	unsigned long skipped_links;	/* links leading outside the root, or unreadable */
	const char *unreadable;		/* on failure: what of the tree could not be read
					 * ("bus/pci/devices"), NULL when writing failed */
};

/*
 * Copy what iovctl reads from ctx's sysfs and proc roots into dest (created;
 * must not exist or be empty) as dest/sys and dest/proc, plus the manifest
 * IOV_SNAPSHOT_MANIFEST listing every entry left out and why. Returns 0,
 * -EFBIG when the bound in opts is exceeded (dest is then incomplete), or
 * another -errno. stats may be NULL.
 */
int iov_snapshot_capture(struct iov_ctx *ctx, const char *dest,
			 const struct iov_snapshot_opts *opts, struct iov_snapshot_stats *stats);

/*
 * Whether ctx's sysfs root holds something to capture: 0, -ENODEV when
 * bus/pci/devices is empty (no PCI function), or the -errno of reading it.
 */
int iov_snapshot_source_check(struct iov_ctx *ctx);

enum iov_snapshot_format {
	IOV_SNAPSHOT_DIR,	/* a directory */
	IOV_SNAPSHOT_TAR,	/* FILE.tar */
	IOV_SNAPSHOT_TAR_GZ,	/* FILE.tar.gz, FILE.tgz */
	IOV_SNAPSHOT_TAR_XZ,	/* FILE.tar.xz, FILE.txz */
	IOV_SNAPSHOT_UNSUPPORTED, /* an archive name we do not write (.zip, .tar.zst, ...) */
};

/* The output format a name asks for, by its suffix (anything else: DIR). */
enum iov_snapshot_format iov_snapshot_format_of(const char *name);

/*
 * Archive the snapshot directory dir (its sys/, proc/ and manifest) into
 * out_fd with tar(1), run with fork/exec and streamed through a pipe so that
 * write errors on out_fd come back as -errno. A failing tar gives -EPROTO
 * with its exit status in *tar_status (else 0).
 */
int iov_snapshot_archive(const char *dir, enum iov_snapshot_format fmt, int out_fd,
			 int *tar_status);

/*
 * Unpack a snapshot tarball (any compression tar(1) recognises) into a new
 * private directory under $TMPDIR (or /tmp), returned in tmp; top gets the
 * snapshot inside it (tmp itself, or its only directory when that holds
 * sys/). The caller removes tmp with iov_snapshot_remove(). -EPROTO with
 * tar's exit status when tar fails, -ENOTDIR when the archive holds no
 * snapshot (no sys/); tmp is then removed and empty.
 */
int iov_snapshot_unpack(const char *tarball, char *tmp, size_t tmplen, char *top, size_t toplen,
			int *tar_status);

/* Remove a snapshot directory tree (the temporary one behind an archive). */
int iov_snapshot_remove(const char *dir);

/* ---- pure helpers (exported for the unit tests) ---------------------------- */

/*
 * Resolve the symlink text `target` found in directory link_dir (both
 * relative to the snapshot root, no leading '/') lexically into a path
 * relative to the root. -EXDEV when it is absolute or climbs above the root.
 */
int iov_snapshot_resolve(const char *link_dir, const char *target, char *buf, size_t len);
/* The relative link text that leads from directory from_dir to path to. */
int iov_snapshot_relative(const char *from_dir, const char *to, char *buf, size_t len);
#endif /* IOV_SNAPSHOT_H */
