// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libpci glue: enumeration and pci.ids names, with libpci's sysfs.path set
 * to <root>/bus/pci so that it reads the same tree as the rest of us.  The
 * handle belongs to the scan that opens it, not to the context.
 */
#include "iov-private.h"

#include <errno.h>
#include <limits.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * libpci's error callback must not return (the default one exits) and has
 * no user pointer, so the scan that is running keeps its escape here.
 */
static _Thread_local jmp_buf *pci_escape;
static _Thread_local struct iov_ctx *pci_log_ctx;
static _Thread_local char pci_last_error[256];

static void __attribute__((noreturn)) pci_error_cb(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(pci_last_error, sizeof(pci_last_error), msg, ap);
	va_end(ap);
	if (pci_escape)
		longjmp(*pci_escape, 1);
	abort();	/* unreachable: every libpci call below sets an escape */
}

static void pci_warning_cb(char *msg, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, msg);
	vsnprintf(buf, sizeof(buf), msg, ap);
	va_end(ap);
	iov_log(pci_log_ctx, IOV_LOG_DEBUG, "libpci: %s", buf);
}

static void pci_debug_cb(char *msg, ...)
{
	(void)msg;
}

struct iov_pci {
	struct iov_ctx *ctx;		/* for the root and the log */
	struct pci_access *pacc;	/* NULL after libpci failed: it may be half set up */
};

static struct pci_access *pci_access_new(char *sysfs_path)
{
	struct pci_access *pacc = pci_alloc();

	if (!pacc)
		return NULL;
	pacc->error = pci_error_cb;
	pacc->warning = pci_warning_cb;
	pacc->debug = pci_debug_cb;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	if (pci_set_param(pacc, "sysfs.path", sysfs_path) < 0) {
		pci_cleanup(pacc);
		return NULL;
	}
	return pacc;
}

int iov_pci_open(struct iov_ctx *ctx, struct iov_pci **out)
{
	char path[PATH_MAX];
	struct iov_pci *pci;
	jmp_buf jb;
	int r;

	*out = NULL;
	r = iov_sysfs_path(ctx, path, sizeof(path), "bus/pci");
	if (r < 0)
		return r;
	pci = calloc(1, sizeof(*pci));
	if (!pci)
		return -ENOMEM;
	pci->ctx = ctx;
	pci_log_ctx = ctx;
	pci_escape = &jb;
	if (setjmp(jb)) {
		pci_escape = NULL;
		iov_log(ctx, IOV_LOG_ERR, "libpci: %s", pci_last_error);
		/* the handle may be half set up; leak it rather than crash */
		free(pci);
		return -EIO;
	}
	pci->pacc = pci_access_new(path);
	if (pci->pacc)
		pci_init(pci->pacc);
	pci_escape = NULL;
	if (!pci->pacc) {
		free(pci);
		return -ENOMEM;
	}
	*out = pci;
	return 0;
}

void iov_pci_close(struct iov_pci *pci)
{
	jmp_buf jb;

	if (!pci)
		return;
	pci_escape = &jb;
	if (pci->pacc && setjmp(jb) == 0)
		pci_cleanup(pci->pacc);
	pci_escape = NULL;
	free(pci);
}

/* The libpci calls that may fail through the error callback. */
static int pci_scan_guarded(struct iov_pci *pci)
{
	jmp_buf jb;

	if (!pci->pacc)
		return -EIO;
	pci_log_ctx = pci->ctx;
	pci_escape = &jb;
	if (setjmp(jb)) {
		pci_escape = NULL;
		iov_log(pci->ctx, IOV_LOG_ERR, "libpci: %s", pci_last_error);
		/* the handle may be half set up; leak it rather than crash */
		pci->pacc = NULL;
		return -EIO;
	}
	/* libpci appends to pacc->devices on every scan: drop the last one's */
	while (pci->pacc->devices) {
		struct pci_dev *d = pci->pacc->devices;

		pci->pacc->devices = d->next;
		pci_free_dev(d);
	}
	pci_scan_bus(pci->pacc);
	pci_escape = NULL;
	return 0;
}

int iov_pci_enumerate(struct iov_pci *pci, struct iov_bdf **out, size_t *n)
{
	struct pci_dev *d;
	struct iov_bdf *v;
	size_t cnt = 0, i = 0;
	int r;

	*out = NULL;
	*n = 0;
	r = pci_scan_guarded(pci);
	if (r < 0)
		return r;
	for (d = pci->pacc->devices; d; d = d->next)
		cnt++;
	v = calloc(cnt ? cnt : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (d = pci->pacc->devices; d; d = d->next, i++) {
		/* the 32-bit domain (libpci's domain_16 reads ffff above that) */
		v[i].domain = (uint32_t)d->domain;
		v[i].bus = d->bus;
		v[i].dev = d->dev;
		v[i].fn = d->func;
	}
	*out = v;
	*n = cnt;
	return 0;
}

char *iov_pci_name(struct iov_pci *pci, int what, unsigned a, unsigned b)
{
	char buf[256];
	jmp_buf jb;
	char *name = NULL;
	int flags = PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB;

	if (!pci || !pci->pacc)
		return NULL;
	pci_escape = &jb;
	if (setjmp(jb) == 0) {
		switch (what) {
		case IOV_NAME_VENDOR:
			name = pci_lookup_name(pci->pacc, buf, sizeof(buf), flags | PCI_LOOKUP_VENDOR, a);
			break;
		case IOV_NAME_DEVICE:
			name = pci_lookup_name(pci->pacc, buf, sizeof(buf), flags | PCI_LOOKUP_DEVICE, a, b);
			break;
		case IOV_NAME_CLASS:
			name = pci_lookup_name(pci->pacc, buf, sizeof(buf), flags | PCI_LOOKUP_CLASS, a);
			break;
		}
	}
	pci_escape = NULL;
	return name ? strdup(name) : NULL;
}
