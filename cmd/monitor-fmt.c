// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Cells that batch frames (monitor.c) and the screen (monitor-tui.c) write
 * alike, in a file of their own so that neither of those needs the other.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "monitor.h"
#include "output.h"

void monitor_fmt_num(double v, char *buf, size_t len)
{
	static const char suffix[] = " kMGTP";
	unsigned i = 0;

	if (!iov_mon_known(v)) {
		snprintf(buf, len, "-");
		return;
	}
	while (v >= 999.95 && i < sizeof(suffix) - 2) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, v == floor(v) ? "%.0f" : "%.1f", v);
	else
		snprintf(buf, len, "%.1f%c", v, suffix[i]);
}

void monitor_fmt_rate(double bytes_per_s, char *buf, size_t len)
{
	if (!iov_mon_known(bytes_per_s))
		snprintf(buf, len, "-");
	else
		out_fmt_rate(buf, len, bytes_per_s);
}

void monitor_fmt_link(const struct iov_mon_row *r, char *buf, size_t len)
{
	const struct iov_link *l = &r->link;
	char cur[OUT_FMT_LEN], max[OUT_FMT_LEN];

	/* a table cell: "-" where the link is not read (suspended, no PCIe) */
	if (l->speed_gts <= 0 || l->width <= 0) {
		snprintf(buf, len, "-");
		return;
	}
	out_fmt_link(cur, sizeof(cur), l->speed_gts, l->width);
	if (r->link_degraded)
		snprintf(buf, len, "%s (%s)", cur,
			 out_fmt_link(max, sizeof(max), l->max_speed_gts, l->max_width));
	else
		snprintf(buf, len, "%s", cur);
}

void monitor_fmt_role(const struct iov_mon_row *r, char *buf, size_t len)
{
	switch (r->role) {
	case IOV_MON_ROLE_PF:
		snprintf(buf, len, "PF");
		break;
	case IOV_MON_ROLE_VF:
		if (r->vf_index >= 0)
			snprintf(buf, len, "VF %d", r->vf_index);
		else
			snprintf(buf, len, "VF");
		break;
	case IOV_MON_ROLE_ROOT_PORT:
		snprintf(buf, len, "RP");
		break;
	default:
		snprintf(buf, len, "EP");
		break;
	}
}
