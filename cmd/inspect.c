// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl inspect (placeholder while the core library lands) */
#include "config.h"
#include "cli.h"

const struct option inspect_longopts[] = { CLI_GLOBAL_LONGOPTS, { NULL, 0, NULL, 0 } };

int cmd_inspect(struct iov_cli *cli, int argc, char **argv)
{
	return EXIT_RUNTIME;
}
