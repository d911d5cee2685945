// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test helper for tests/vfnet-live.sh: ask the kernel for IFNAME's VF list
 * over rtnetlink (iov_net_vfs_query, as inspect does on a live system) and
 * print it in the recorded net-vfs form. Exit 0; 4 when there is no such
 * interface in this network namespace; 3 on any other error.
 */
#include "config.h"

#include "iov-host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct iov_net_vf_list l;

int main(int argc, char **argv)
{
	char *text;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: net-vfs-query IFNAME\n");
		return 2;
	}
	r = iov_net_vfs_query(argv[1], &l);
	if (r == 0)
		r = iov_net_vfs_format(&l, &text);
	if (r < 0) {
		fprintf(stderr, "net-vfs-query: %s: %s\n", argv[1], strerror(-r));
		return r == -ENODEV ? 4 : 3;
	}
	fputs(text, stdout);
	free(text);
	return 0;
}
