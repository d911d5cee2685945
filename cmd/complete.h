/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the shell completions offer: iovctl [WORDS...] --list-values=NAME */
#ifndef IOVCTL_COMPLETE_H
#define IOVCTL_COMPLETE_H

#include <stddef.h>
#include <stdio.h>

#define CLI_LIST_VALUES "--list-values="

struct iov_cmd;

/*
 * Print the candidates for NAME (a long option without its dashes, a short
 * option letter, or "-" for the operands) after the command line
 * argv[1..argc-1], which chooses the command (one of cmds) and the root.
 * Returns an exit code: EXIT_USAGE for an option the command does not have.
 */
int cli_complete(int argc, char **argv, const char *name, const struct iov_cmd *const *cmds,
		 size_t ncmds);

/* the tables the completions list, kept by their commands */
void topology_list_columns(FILE *f);

#endif
