// SPDX-License-Identifier: GPL-2.0-or-later
/* The kernel's AER counters (aer_dev_correctable, _nonfatal, _fatal), per type. */
#include "iov-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_moved(struct iov_aer_counts *c, enum iov_aer_kind kind, const char *name, size_t n,
		     uint64_t v)
{
	struct iov_aer_counter *m = realloc(c->moved, (c->nmoved + 1) * sizeof(*m));

	if (!m)
		return -ENOMEM;
	c->moved = m;
	m += c->nmoved++;
	m->kind = kind;
	if (n >= sizeof(m->name))
		n = sizeof(m->name) - 1;
	memcpy(m->name, name, n);
	m->name[n] = '\0';
	m->value = v;
	return 0;
}

int iov_aer_parse(const char *text, enum iov_aer_kind kind, struct iov_aer_counts *c,
		  uint64_t *total)
{
	const char *line = text;
	uint64_t sum = 0;
	bool have_total = false;

	while (*line) {
		const char *sp, *eol = strchr(line, '\n');
		unsigned long long v;
		char *end;
		size_t n;

		if (!eol)
			eol = line + strlen(line);
		sp = memchr(line, ' ', eol - line);
		if (!sp || sp == line)
			return -EINVAL;
		n = sp - line;
		errno = 0;
		v = strtoull(sp + 1, &end, 10);
		if (errno || end == sp + 1 || end != eol)
			return -EINVAL;
		if (n > 10 && strncmp(line, "TOTAL_ERR_", 10) == 0) {
			*total = v;
			have_total = true;
		} else {
			sum += v;
			if (v && add_moved(c, kind, line, n, v) < 0)
				return -ENOMEM;
		}
		line = *eol ? eol + 1 : eol;
	}
	if (!have_total)
		*total = sum;
	return 0;
}

void iov_aer_format(const struct iov_aer_counts *c, char *buf, size_t len)
{
	static const char *const label[] = { "correctable", "non-fatal", "fatal" };
	const uint64_t total[] = { c->correctable, c->nonfatal, c->fatal };
	size_t used = 0;
	unsigned k, i;

	if (!len)
		return;
	buf[0] = '\0';
	for (k = 0; k < 3 && used < len; k++) {
		bool first = true;

		used += snprintf(buf + used, len - used, "%s%llu %s", k ? ", " : "",
				 (unsigned long long)total[k], label[k]);
		for (i = 0; i < c->nmoved && used < len; i++) {
			if (c->moved[i].kind != k)
				continue;
			used += snprintf(buf + used, len - used, "%s%s %llu", first ? " (" : ", ",
					 c->moved[i].name, (unsigned long long)c->moved[i].value);
			first = false;
		}
		if (!first && used < len)
			used += snprintf(buf + used, len - used, ")");
	}
}
