// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl monitor's screen. Placeholder until the ncurses screen lands:
 * says so and points at the batch modes.
 */
#include "config.h"

#include "monitor.h"

int monitor_tui_run(struct iov_cli *cli, struct iov_ctx *ctx, struct iov_mon *mon,
		    struct monitor_opts *o)
{
	(void)cli;
	(void)ctx;
	(void)mon;
	(void)o;
	cli_err("the interactive screen is not built yet: use -b, --json or --prometheus");
	return EXIT_RUNTIME;
}
