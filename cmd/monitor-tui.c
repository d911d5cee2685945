// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The monitor's screen: the only file that talks to curses. It draws what
 * the sampler (lib/iov-monitor.h) holds: a header, PFs with their VFs folded
 * underneath, the events pane and a status line, and turns keys into view
 * changes (fold, sort, search, filter, pause, interval).
 *
 * The loop waits in poll() on the terminal and on a self-pipe the signal
 * handlers write to, so the handlers do nothing but record the signal: the
 * terminal is restored by endwin() on the one exit path, for q and for
 * SIGINT/SIGTERM/SIGHUP alike, and by an atexit handler should anything else
 * call exit(). Crash signals restore the terminal with precomputed bytes and
 * tcsetattr(), both async-signal-safe, then die as they would have.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "cli.h"
#include "monitor.h"
#include "lib/iov-monitor.h"

#define CELL_LEN 80		/* one formatted cell (a driver name is up to 63) */
#define PROMPT_LEN 128
#define MSG_LEN 160
#define MAX_FILTERS MONITOR_MAX_FILTERS

/* colour pairs */
enum {
	CP_TITLE = 1,	/* column titles, events pane title */
	CP_CURSOR,
	CP_BAD,		/* gone, AER, link degraded, removal */
	CP_WARN,	/* resetting, drops */
	CP_GOOD,	/* added, restored */
	CP_DIM,		/* unbound, suspended, context rows */
	CP_HEAD,	/* header values */
};

enum tui_mode { MODE_NORMAL, MODE_SEARCH, MODE_FILTER, MODE_HELP, MODE_SORT };

/* A column of the screen, in the sampler's column order. */
struct tui_col {
	const char *title;
	unsigned min_width;
	unsigned priority;	/* kept longer when narrow: higher */
	bool left;		/* left-aligned (text) */
};

static const struct tui_col cols[IOV_MON_NCOLS] = {
	[IOV_MON_COL_ADDRESS] = { "ADDRESS", 14, 100, true },
	[IOV_MON_COL_ROLE] = { "ROLE", 5, 90, true },
	[IOV_MON_COL_DRIVER] = { "DRIVER", 8, 60, true },
	[IOV_MON_COL_NODE] = { "NODE", 4, 20, false },
	[IOV_MON_COL_GROUP] = { "GROUP", 5, 10, false },
	[IOV_MON_COL_LINK] = { "LINK", 11, 55, true },
	[IOV_MON_COL_IOPS] = { "IOPS", 6, 80, false },
	[IOV_MON_COL_MBPS] = { "I/O", 6, 75, false },
	[IOV_MON_COL_UTIL] = { "UTIL%", 5, 35, false },
	[IOV_MON_COL_RX] = { "RX", 6, 70, false },
	[IOV_MON_COL_TX] = { "TX", 6, 65, false },
	[IOV_MON_COL_DROPS] = { "DROP/s", 6, 30, false },
	[IOV_MON_COL_IRQS] = { "IRQ/s", 6, 40, false },
	[IOV_MON_COL_AER] = { "AER", 4, 50, false },
	[IOV_MON_COL_STATE] = { "STATE", 5, 95, true },
};

/* The screen shows rows of this list: the sampler's rows, folded and filtered. */
struct tui_line {
	struct iov_mon_row *row;
	bool child;		/* a VF drawn under its PF */
	bool last;		/* the PF's last VF shown */
	bool context;		/* shown only because VFs under it match */
};

struct tui {
	struct iov_cli *cli;
	struct iov_mon *mon;
	unsigned long iterations;	/* -n: samples to show; 0 no limit */
	SCREEN *scr;
	bool color;

	double interval;	/* seconds */
	bool paused, active_only, events, expand_all;
	enum tui_mode mode;
	int sort_pick;		/* MODE_SORT: the column under the menu's cursor */

	struct iov_mon_filter filter[MAX_FILTERS];
	size_t nfilter;
	char filter_text[PROMPT_LEN];
	char search_text[PROMPT_LEN];
	char prompt[PROMPT_LEN];
	char search_from[IOV_BDF_STRLEN];	/* cursor when the search began */

	/* PFs shown expanded (or, with expand_all, folded), by address */
	char (*toggled)[IOV_BDF_STRLEN];
	size_t ntoggled, captoggled;

	struct tui_line *line;
	size_t nline, capline;
	size_t cursor, top;
	char cursor_addr[IOV_BDF_STRLEN];

	uint64_t events_seen;	/* seq of the newest event the pane has shown */
	double cost_ms;		/* CPU of the last refresh: sample + draw */
	char msg[MSG_LEN];	/* one-shot status message */

	char host[65], kernel[65], iommu[32];
};

/* ---- terminal state for signals and exit ------------------------------------ */

static volatile sig_atomic_t got_signal;	/* the terminating signal, 0 none */
static volatile sig_atomic_t got_winch;
static int sig_pipe[2] = { -1, -1 };

/* Restoring the terminal from a crash handler: bytes and modes saved ahead. */
static struct termios saved_tty;
static bool saved_tty_ok;
static char crash_reset[128];
static size_t crash_reset_len;
static bool curses_on;

static const int term_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static struct sigaction old_term_sa[4], old_crash_sa[5], old_winch_sa;

static void on_term_signal(int sig)
{
	int saved = errno;

	if (!got_signal)
		got_signal = sig;
	if (sig_pipe[1] >= 0)
		(void)!write(sig_pipe[1], "", 1);
	errno = saved;
}

static void on_winch(int sig)
{
	int saved = errno;

	(void)sig;
	got_winch = 1;
	if (sig_pipe[1] >= 0)
		(void)!write(sig_pipe[1], "", 1);
	errno = saved;
}

/* write(2) and tcsetattr(3) only: both are async-signal-safe */
static void on_crash_signal(int sig)
{
	if (crash_reset_len)
		(void)!write(STDOUT_FILENO, crash_reset, crash_reset_len);
	if (saved_tty_ok)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void restore_terminal(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	endwin();
}

/* A safety net: whatever calls exit() leaves the terminal usable. */
static void restore_terminal_at_exit(void)
{
	restore_terminal();
}

static void append_cap(const char *capname)
{
	char *s = tigetstr((char *)capname);
	size_t n;

	if (!s || s == (char *)-1)
		return;
	n = strlen(s);
	if (crash_reset_len + n < sizeof(crash_reset)) {
		memcpy(crash_reset + crash_reset_len, s, n);
		crash_reset_len += n;
	}
}

static int install_signals(void)
{
	struct sigaction sa = { 0 };
	size_t i;

	if (pipe(sig_pipe) < 0)
		return -errno;
	for (i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL, O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term_signal;
	for (i = 0; i < sizeof(term_sigs) / sizeof(term_sigs[0]); i++)
		sigaction(term_sigs[i], &sa, &old_term_sa[i]);
	/* before initscr: curses then leaves SIGWINCH to us */
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, &old_winch_sa);
	sa.sa_handler = on_crash_signal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		sigaction(crash_sigs[i], &sa, &old_crash_sa[i]);
	return 0;
}

static void uninstall_signals(void)
{
	size_t i;

	for (i = 0; i < sizeof(term_sigs) / sizeof(term_sigs[0]); i++)
		sigaction(term_sigs[i], &old_term_sa[i], NULL);
	for (i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		sigaction(crash_sigs[i], &old_crash_sa[i], NULL);
	sigaction(SIGWINCH, &old_winch_sa, NULL);
	for (i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
}

static bool want_color(const struct iov_cli *cli)
{
	const char *nc = getenv("NO_COLOR");

	if (cli->color == COLOR_NEVER)
		return false;
	if (cli->color == COLOR_AUTO && nc && *nc)
		return false;
	return has_colors();
}

static void setup_colors(struct tui *t)
{
	t->color = want_color(t->cli);
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(CP_TITLE, COLOR_BLACK, COLOR_GREEN);
	init_pair(CP_CURSOR, COLOR_BLACK, COLOR_CYAN);
	init_pair(CP_BAD, COLOR_RED, -1);
	init_pair(CP_WARN, COLOR_YELLOW, -1);
	init_pair(CP_GOOD, COLOR_GREEN, -1);
	init_pair(CP_DIM, COLOR_BLUE, -1);
	init_pair(CP_HEAD, COLOR_CYAN, -1);
}

/* Attributes of a role of text: colour when on, else a monochrome stand-in. */
static attr_t attr_of(const struct tui *t, int pair)
{
	if (t->color)
		return COLOR_PAIR(pair) | (pair == CP_BAD ? A_BOLD : 0);
	switch (pair) {
	case CP_TITLE:
	case CP_CURSOR:
		return A_REVERSE;
	case CP_BAD:
		return A_BOLD;
	case CP_DIM:
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

static int start_curses(struct tui *t)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_err("the monitor's screen needs a terminal; use -b for batch output");
		return EXIT_USAGE;
	}
	saved_tty_ok = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	t->scr = newterm(NULL, stdout, stdin);
	if (!t->scr) {
		const char *term = getenv("TERM");

		cli_err("cannot use terminal type '%s'; use -b for batch output",
			term ? term : "");
		return EXIT_RUNTIME;
	}
	curses_on = true;
	set_term(t->scr);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_colors(t);
	crash_reset_len = 0;
	append_cap("sgr0");
	append_cap("cnorm");
	append_cap("rmkx");
	append_cap("rmcup");
	return EXIT_OK;
}

/* ---- the header's host facts, read once ------------------------------------ */

static void read_proc_line(const struct iov_ctx *ctx, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];

	buf[0] = '\0';
	if (iov_proc_path(ctx, path, sizeof(path), "sys/kernel/%s", name) < 0 ||
	    iov_read_file(path, buf, len) < 0)
		buf[0] = '\0';
}

/* "on (12 groups)" or "off": what kernel/iommu_groups holds */
static void read_iommu_state(const struct iov_ctx *ctx, char *buf, size_t len)
{
	char path[PATH_MAX];
	struct dirent *de;
	unsigned n = 0;
	DIR *d;

	snprintf(buf, len, "off");
	if (iov_sysfs_path(ctx, path, sizeof(path), "kernel/iommu_groups") < 0)
		return;
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	if (n)
		snprintf(buf, len, "on (%u groups)", n);
}

static void read_host_facts(struct tui *t, const struct iov_ctx *ctx)
{
	struct utsname u;

	read_proc_line(ctx, "hostname", t->host, sizeof(t->host));
	read_proc_line(ctx, "osrelease", t->kernel, sizeof(t->kernel));
	if ((!t->host[0] || !t->kernel[0]) && uname(&u) == 0) {
		if (!t->host[0])
			snprintf(t->host, sizeof(t->host), "%s", u.nodename);
		if (!t->kernel[0])
			snprintf(t->kernel, sizeof(t->kernel), "%s", u.release);
	}
	read_iommu_state(ctx, t->iommu, sizeof(t->iommu));
}

/* ---- folding --------------------------------------------------------------- */

static ssize_t toggled_find(const struct tui *t, const char *addr)
{
	size_t i;

	for (i = 0; i < t->ntoggled; i++)
		if (strcmp(t->toggled[i], addr) == 0)
			return (ssize_t)i;
	return -1;
}

static void toggled_set(struct tui *t, const char *addr, bool on)
{
	ssize_t i = toggled_find(t, addr);

	if (!on && i >= 0) {
		memmove(t->toggled[i], t->toggled[i + 1],
			(t->ntoggled - (size_t)i - 1) * sizeof(t->toggled[0]));
		t->ntoggled--;
	}
	if (!on || i >= 0)
		return;
	if (t->ntoggled == t->captoggled) {
		size_t cap = t->captoggled ? 2 * t->captoggled : 16;
		void *p = realloc(t->toggled, cap * sizeof(t->toggled[0]));

		if (!p)
			return;
		t->toggled = p;
		t->captoggled = cap;
	}
	snprintf(t->toggled[t->ntoggled++], IOV_BDF_STRLEN, "%s", addr);
}

/* expanded: toggled from the default, which '*' flips */
static bool is_expanded(const struct tui *t, const struct iov_mon_row *pf)
{
	return t->expand_all != (toggled_find(t, pf->addr) >= 0);
}

static void set_expanded(struct tui *t, const struct iov_mon_row *pf, bool on)
{
	toggled_set(t, pf->addr, on != t->expand_all);
}

/* ---- the list of lines ----------------------------------------------------- */

static bool is_child(const struct iov_mon_row *r)
{
	return r->role == IOV_MON_ROLE_VF && r->pf;
}

/* Passes the filter and the active-only switch. */
static bool row_selected(const struct tui *t, const struct iov_mon_row *r)
{
	if (t->nfilter && !iov_mon_filters_match(t->filter, t->nfilter, r))
		return false;
	if (t->active_only && !iov_mon_row_active(r))
		return false;
	return true;
}

static bool any_vf_selected(const struct tui *t, const struct iov_mon_row *pf)
{
	unsigned i;

	for (i = 0; i < pf->nvfs; i++)
		if (pf->vfs[i] && row_selected(t, pf->vfs[i]))
			return true;
	return false;
}

static int push_line(struct tui *t, struct iov_mon_row *r, bool child, bool context)
{
	if (t->nline == t->capline) {
		size_t cap = t->capline ? 2 * t->capline : 64;
		void *p = realloc(t->line, cap * sizeof(*t->line));

		if (!p)
			return -ENOMEM;
		t->line = p;
		t->capline = cap;
	}
	t->line[t->nline++] = (struct tui_line){ .row = r, .child = child, .context = context };
	return 0;
}

/*
 * Rebuild the lines from the sampler's rows (already in display order: each
 * PF followed by its VFs). A PF that fails the filter is still shown, as
 * context, when VFs under it pass; those VFs are then shown unfolded, since
 * they are the point.
 */
static void build_lines(struct tui *t)
{
	size_t i, n = iov_mon_nrows(t->mon);
	struct iov_mon_row *pf = NULL;
	bool pf_shown = false, pf_open = false;

	t->nline = 0;
	for (i = 0; i < n; i++) {
		struct iov_mon_row *r = iov_mon_row_at(t->mon, i);

		if (is_child(r)) {
			if (r->pf != pf || !pf_shown || !pf_open || !row_selected(t, r))
				continue;
			if (push_line(t, r, true, false) < 0)
				return;
			continue;
		}
		pf = r;
		pf_shown = row_selected(t, r);
		pf_open = is_expanded(t, r);
		if (!pf_shown && r->nvfs && any_vf_selected(t, r)) {
			pf_shown = true;
			pf_open = true;
			if (push_line(t, r, false, true) < 0)
				return;
			continue;
		}
		if (pf_shown && push_line(t, r, false, false) < 0)
			return;
	}
	for (i = 0; i < t->nline; i++)
		t->line[i].last = t->line[i].child &&
				  (i + 1 == t->nline || !t->line[i + 1].child);
}

static ssize_t line_of(const struct tui *t, const char *addr)
{
	size_t i;

	for (i = 0; i < t->nline; i++)
		if (strcmp(t->line[i].row->addr, addr) == 0)
			return (ssize_t)i;
	return -1;
}

static void set_cursor(struct tui *t, size_t i)
{
	if (!t->nline) {
		t->cursor = 0;
		t->cursor_addr[0] = '\0';
		return;
	}
	if (i >= t->nline)
		i = t->nline - 1;
	t->cursor = i;
	snprintf(t->cursor_addr, sizeof(t->cursor_addr), "%s", t->line[i].row->addr);
}

/* Rebuild, keeping the cursor on its function where it is still shown. */
static void relayout(struct tui *t)
{
	ssize_t i;

	build_lines(t);
	i = t->cursor_addr[0] ? line_of(t, t->cursor_addr) : -1;
	set_cursor(t, i >= 0 ? (size_t)i : t->cursor);
}

/* ---- cells ------------------------------------------------------------------ */

static void fmt_fixed(char *buf, size_t len, double v, int decimals)
{
	if (iov_mon_known(v))
		snprintf(buf, len, "%.*f", decimals, v);
	else
		snprintf(buf, len, "-");
}

/* The sum of the known values, unknown when none is (as batch output sums). */
static double sum_known(double a, double b, double c)
{
	const double v[3] = { a, b, c };
	double s = NAN;
	int i;

	for (i = 0; i < 3; i++)
		if (iov_mon_known(v[i]))
			s = iov_mon_known(s) ? s + v[i] : v[i];
	return s;
}

/* A PF row sums its VFs. */
static const struct iov_mon_rates *rates_of(const struct iov_mon_row *r)
{
	return r->role == IOV_MON_ROLE_PF ? &r->sum : &r->rate;
}

/* Format one cell; returns its colour pair (0: plain). */
static int fmt_cell(const struct tui_line *ln, enum iov_mon_col c, char *buf, size_t len)
{
	const struct iov_mon_row *r = ln->row;
	const struct iov_mon_rates *q = rates_of(r);
	double v;

	buf[0] = '\0';
	switch (c) {
	case IOV_MON_COL_ADDRESS:
		snprintf(buf, len, "%s", r->addr);
		return ln->context ? CP_DIM : 0;
	case IOV_MON_COL_ROLE:
		monitor_fmt_role(r, buf, len);
		return 0;
	case IOV_MON_COL_DRIVER:
		snprintf(buf, len, "%s", r->driver[0] ? r->driver : "-");
		return r->driver[0] ? 0 : CP_DIM;
	case IOV_MON_COL_NODE:
		if (r->numa_node >= 0)
			snprintf(buf, len, "%d", r->numa_node);
		else
			snprintf(buf, len, "-");
		return 0;
	case IOV_MON_COL_GROUP:
		if (r->iommu_group >= 0)
			snprintf(buf, len, "%d", r->iommu_group);
		else
			snprintf(buf, len, "-");
		return 0;
	case IOV_MON_COL_LINK:
		monitor_fmt_link(r, buf, len);
		return r->link_degraded ? CP_WARN : 0;
	case IOV_MON_COL_IOPS:
		monitor_fmt_num(q->iops, buf, len);
		return 0;
	case IOV_MON_COL_MBPS:
		monitor_fmt_rate(sum_known(q->rd_bytes_per_s, q->wr_bytes_per_s, NAN), buf, len);
		return 0;
	case IOV_MON_COL_UTIL:
		fmt_fixed(buf, len, q->util_pct, 0);
		return iov_mon_known(q->util_pct) && q->util_pct >= 90 ? CP_WARN : 0;
	case IOV_MON_COL_RX:
		monitor_fmt_rate(q->rx_bytes_per_s, buf, len);
		return 0;
	case IOV_MON_COL_TX:
		monitor_fmt_rate(q->tx_bytes_per_s, buf, len);
		return 0;
	case IOV_MON_COL_DROPS:
		monitor_fmt_num(q->drops_per_s, buf, len);
		return iov_mon_known(q->drops_per_s) && q->drops_per_s > 0 ? CP_WARN : 0;
	case IOV_MON_COL_IRQS:
		monitor_fmt_num(q->irqs_per_s, buf, len);
		return r->irqs_off_node ? CP_WARN : 0;
	case IOV_MON_COL_AER:
		v = sum_known(q->aer_cor, q->aer_nonfatal, q->aer_fatal);
		if (iov_mon_known(v) && v > 0)
			snprintf(buf, len, "+%.0f", v);
		else
			fmt_fixed(buf, len, v, 0);
		return iov_mon_known(v) && v > 0 ? CP_BAD : 0;
	case IOV_MON_COL_STATE:
		snprintf(buf, len, "%s", iov_mon_state_str(r->state));
		switch (r->state) {
		case IOV_MON_STATE_GONE:
			return CP_BAD;
		case IOV_MON_STATE_RESETTING:
			return CP_WARN;
		case IOV_MON_STATE_LIVE:
			return 0;
		default:
			return CP_DIM;
		}
	case IOV_MON_NCOLS:
		break;
	}
	return 0;
}

/* ---- layout ----------------------------------------------------------------- */

struct tui_layout {
	unsigned width[IOV_MON_NCOLS];
	bool shown[IOV_MON_NCOLS];
	int rows_y, rows_h;	/* the rows' area */
	int events_y, events_h;	/* the events pane, its title included; 0 when closed */
};

static unsigned cell_width(const char *s)
{
	return (unsigned)strlen(s);
}

/*
 * Columns as wide as their widest visible cell, then, while the line is
 * wider than the screen, the column of lowest priority dropped.
 */
static void fit_columns(struct tui_layout *lo, const unsigned *need, int screen_w)
{
	unsigned total;
	int c;

	for (;;) {
		int drop = -1;

		total = 0;
		for (c = 0; c < IOV_MON_NCOLS; c++)
			if (lo->shown[c])
				total += need[c] + (total ? 1 : 0);
		if ((int)total <= screen_w)
			break;
		for (c = 0; c < IOV_MON_NCOLS; c++)
			if (lo->shown[c] && cols[c].priority < 100 &&
			    (drop < 0 || cols[c].priority < cols[drop].priority))
				drop = c;
		if (drop < 0)
			break;
		lo->shown[drop] = false;
	}
	for (c = 0; c < IOV_MON_NCOLS; c++)
		lo->width[c] = need[c];
}

static void plan_areas(const struct tui *t, struct tui_layout *lo)
{
	int h = LINES;

	lo->rows_y = 3;	/* header, state line, column titles */
	lo->events_h = 0;
	if (t->events) {
		lo->events_h = (h - 4) / 3;
		if (lo->events_h > 12)
			lo->events_h = 12;
		if (lo->events_h < 3)
			lo->events_h = h - 4 >= 6 ? 3 : 0;
	}
	lo->rows_h = h - lo->rows_y - 1 - lo->events_h;
	if (lo->rows_h < 1)
		lo->rows_h = 1;
	lo->events_y = lo->rows_y + lo->rows_h;
}

static void scroll_to_cursor(struct tui *t, int rows_h)
{
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + (size_t)rows_h)
		t->top = t->cursor - (size_t)rows_h + 1;
	if (t->top + (size_t)rows_h > t->nline)
		t->top = t->nline > (size_t)rows_h ? t->nline - (size_t)rows_h : 0;
}

/* ---- drawing --------------------------------------------------------------- */

/* Events newer than the pane last showed (the sampler keeps the latest ones). */
static size_t events_unseen(const struct tui *t, const struct iov_mon_event *ev, size_t n)
{
	size_t k = 0;

	while (k < n && ev[n - 1 - k].seq > t->events_seen)
		k++;
	return k;
}

static void draw_header(const struct tui *t)
{
	const struct iov_mon_event *ev;
	struct iov_mon_totals tot;
	size_t nev = 0, nnew = 0, unseen;

	iov_mon_totals(t->mon, &tot);
	ev = iov_mon_events(t->mon, &nev, &nnew);
	move(0, 0);
	clrtoeol();
	attron(A_BOLD);
	printw("%s", t->host[0] ? t->host : "?");
	attroff(A_BOLD);
	printw("  kernel %s  IOMMU %s  %u PF  %u VF", t->kernel[0] ? t->kernel : "?",
	       t->iommu, tot.pfs, tot.vfs);
	if (tot.other)
		printw("  %u other", tot.other);

	move(1, 0);
	clrtoeol();
	printw("every %gs  cost %.2f ms  sort %s", t->interval, t->cost_ms,
	       cols[iov_mon_sort(t->mon)].title);
	if (t->filter_text[0])
		printw("  filter %s", t->filter_text);
	if (t->active_only)
		printw("  active only");
	if (t->paused) {
		addstr("  ");
		attron(attr_of(t, CP_WARN) | A_BOLD);
		addstr("PAUSED");
		attroff(attr_of(t, CP_WARN) | A_BOLD);
	}
	unseen = events_unseen(t, ev, nev);
	if (unseen && !t->events) {
		addstr("  ");
		attron(attr_of(t, CP_HEAD));
		printw("%zu new event%s (e)", unseen, unseen == 1 ? "" : "s");
		attroff(attr_of(t, CP_HEAD));
	}
}

static void draw_cell(const char *s, unsigned w, bool left)
{
	if (left)
		printw("%-*.*s", (int)w, (int)w, s);
	else
		printw("%*.*s", (int)w, (int)w, s);
}

/* --width N: the screen uses at most N columns, as other commands' tables do */
static unsigned width_cap;

/* The columns drawn in: the terminal's, capped by --width. */
static int scr_cols(void)
{
	return width_cap && (int)width_cap < COLS ? (int)width_cap : COLS;
}

/* Blanks to the end of the line, in the current attributes. */
static void fill_line(void)
{
	int x = getcurx(stdscr);

	if (x > 0 && x < scr_cols())
		printw("%*s", scr_cols() - x, "");
}

static void draw_titles(const struct tui *t, const struct tui_layout *lo)
{
	enum iov_mon_col sort = iov_mon_sort(t->mon);
	bool first = true;
	int c;

	move(lo->rows_y - 1, 0);
	attron(attr_of(t, CP_TITLE));
	for (c = 0; c < IOV_MON_NCOLS; c++) {
		if (!lo->shown[c])
			continue;
		if (!first)
			addch(' ');
		first = false;
		if (c == (int)sort)
			attron(A_BOLD | A_UNDERLINE);
		draw_cell(cols[c].title, lo->width[c], cols[c].left);
		if (c == (int)sort)
			attroff(A_BOLD | A_UNDERLINE);
	}
	fill_line();	/* the title bar spans the screen */
	attroff(attr_of(t, CP_TITLE));
}

/* The address cell with its tree: "- PF", " |-VF", " `-VF", "+ PF" folded. */
static void tree_prefix(const struct tui *t, const struct tui_line *ln, char *buf, size_t len)
{
	const struct iov_mon_row *r = ln->row;

	if (ln->child)
		snprintf(buf, len, " %s", ln->last ? "`-" : "|-");	/* line drawing when drawn */
	else if (r->nvfs)
		snprintf(buf, len, "%c ", ln->context || is_expanded(t, r) ? '-' : '+');
	else
		snprintf(buf, len, "  ");
}

static void draw_row(const struct tui *t, const struct tui_layout *lo, size_t i,
		     char cell[][CELL_LEN], const int *pair)
{
	const struct tui_line *ln = &t->line[i];
	bool cur = i == t->cursor;
	bool first = true;
	int c;

	if (cur)
		attron(attr_of(t, CP_CURSOR));
	for (c = 0; c < IOV_MON_NCOLS; c++) {
		attr_t a = pair[c] && !cur ? attr_of(t, pair[c]) : 0;

		if (!lo->shown[c])
			continue;
		if (!first)
			addch(' ');
		first = false;
		if (a)
			attron(a);
		if (c == IOV_MON_COL_ADDRESS && ln->child && lo->width[c] > 3) {
			addch(' ');
			addch(ln->last ? ACS_LLCORNER : ACS_LTEE);
			addch(ACS_HLINE);
			draw_cell(cell[c] + 3, lo->width[c] - 3, true);
		} else {
			draw_cell(cell[c], lo->width[c], cols[c].left);
		}
		if (a)
			attroff(a);
	}
	if (cur) {
		fill_line();
		attroff(attr_of(t, CP_CURSOR));
	}
}

/*
 * Only the rows on screen are formatted: their cells decide the column
 * widths, then the columns that do not fit are dropped.
 */
static void draw_rows(struct tui *t, struct tui_layout *lo)
{
	size_t n = 0, i;
	int c, y;
	char (*cell)[IOV_MON_NCOLS][CELL_LEN];
	int (*pair)[IOV_MON_NCOLS];
	unsigned need[IOV_MON_NCOLS];

	scroll_to_cursor(t, lo->rows_h);
	if (t->top < t->nline)
		n = t->nline - t->top;
	if (n > (size_t)lo->rows_h)
		n = (size_t)lo->rows_h;
	cell = calloc(n ? n : 1, sizeof(*cell));
	pair = calloc(n ? n : 1, sizeof(*pair));
	for (c = 0; c < IOV_MON_NCOLS; c++) {
		need[c] = cols[c].min_width;
		if (cell_width(cols[c].title) > need[c])
			need[c] = cell_width(cols[c].title);
		lo->shown[c] = true;
	}
	for (i = 0; cell && pair && i < n; i++) {
		const struct tui_line *ln = &t->line[t->top + i];

		for (c = 0; c < IOV_MON_NCOLS; c++) {
			pair[i][c] = fmt_cell(ln, c, cell[i][c], CELL_LEN);
			if (c == IOV_MON_COL_ADDRESS) {
				char pre[8];

				tree_prefix(t, ln, pre, sizeof(pre));
				snprintf(cell[i][c], CELL_LEN, "%s%s", pre, ln->row->addr);
			}
			if (cell_width(cell[i][c]) > need[c])
				need[c] = cell_width(cell[i][c]);
		}
	}
	fit_columns(lo, need, scr_cols());
	draw_titles(t, lo);
	for (y = 0; y < lo->rows_h; y++) {
		move(lo->rows_y + y, 0);
		clrtoeol();
		if ((size_t)y < n && cell && pair)
			draw_row(t, lo, t->top + (size_t)y, cell[y], pair[y]);
	}
	if (!t->nline) {
		move(lo->rows_y, 0);
		attron(attr_of(t, CP_DIM));
		addstr(t->nfilter || t->active_only ? "  no function passes the filter"
						    : "  no PCI function to monitor");
		attroff(attr_of(t, CP_DIM));
	}
	free(cell);
	free(pair);
}

static int event_pair(enum iov_mon_event_kind k)
{
	switch (k) {
	case IOV_MON_EV_ADD:
	case IOV_MON_EV_LINK_RESTORED:
	case IOV_MON_EV_BIND:
		return CP_GOOD;
	case IOV_MON_EV_REMOVE:
	case IOV_MON_EV_LINK_DEGRADED:
	case IOV_MON_EV_AER:
		return CP_BAD;
	case IOV_MON_EV_COUNTER_RESET:
	case IOV_MON_EV_IRQ_OFF_NODE:
	case IOV_MON_EV_NVME_STATE:
	case IOV_MON_EV_UNBIND:
		return CP_WARN;
	default:
		return 0;
	}
}

static uint64_t mono_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* "23:14:05": the wall-clock time of a monotonic instant */
static void fmt_event_time(char *buf, size_t len, uint64_t mono_ns)
{
	uint64_t now = mono_now_ns();
	time_t wall = time(NULL);
	struct tm tm;

	if (mono_ns <= now)
		wall -= (time_t)((now - mono_ns) / 1000000000ull);
	localtime_r(&wall, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
}

static void draw_events(struct tui *t, const struct tui_layout *lo)
{
	const struct iov_mon_event *ev;
	size_t n = 0, nnew = 0, first, i;
	int y, shown = lo->events_h - 1;

	if (!lo->events_h)
		return;
	ev = iov_mon_events(t->mon, &n, &nnew);
	move(lo->events_y, 0);
	attron(attr_of(t, CP_TITLE));
	printw("%-*.*s", scr_cols(), scr_cols(), n ? " Events (newest last)" : " Events: none yet");
	attroff(attr_of(t, CP_TITLE));
	first = n > (size_t)shown ? n - (size_t)shown : 0;
	for (y = 0; y < shown; y++) {
		char when[16];

		move(lo->events_y + 1 + y, 0);
		clrtoeol();
		i = first + (size_t)y;
		if (i >= n)
			continue;
		fmt_event_time(when, sizeof(when), ev[i].mono_ns);
		printw("%s %s ", when, ev[i].addr);
		if (event_pair(ev[i].kind))
			attron(attr_of(t, event_pair(ev[i].kind)));
		printw("%.*s", scr_cols() > 32 ? scr_cols() - 32 : 0, ev[i].text);
		if (event_pair(ev[i].kind))
			attroff(attr_of(t, event_pair(ev[i].kind)));
	}
	if (n)
		t->events_seen = ev[n - 1].seq;
}

/* The selected function and what its row cannot show: "sel ADDR  facts" */
static void describe_cursor(const struct tui *t, char *buf, size_t len)
{
	const struct iov_mon_row *r;
	size_t off;

	if (!t->nline) {
		snprintf(buf, len, "sel -");
		return;
	}
	r = t->line[t->cursor].row;
	if (r->role == IOV_MON_ROLE_VF && r->physfn[0] && r->vf_index >= 0)
		off = (size_t)snprintf(buf, len, "sel %s  %s/vf%d", r->addr, r->physfn, r->vf_index);
	else if (r->role == IOV_MON_ROLE_PF)
		off = (size_t)snprintf(buf, len, "sel %s  %lld of %lld VFs enabled", r->addr,
				       r->numvfs, r->totalvfs);
	else
		off = (size_t)snprintf(buf, len, "sel %s", r->addr);
	if (off < len && r->power_state[0] && strcmp(r->power_state, "D0") != 0)
		off += (size_t)snprintf(buf + off, len - off, "  %s", r->power_state);
	if (off < len && r->nvme_state[0])
		off += (size_t)snprintf(buf + off, len - off, "  nvme %s", r->nvme_state);
	if (off < len && r->irqs_off_node)
		snprintf(buf + off, len - off, "  %u of %u IRQ vectors off node %d",
			 r->irqs_off_node, r->nvectors, r->numa_node);
}

static void draw_status(struct tui *t)
{
	char buf[MSG_LEN + 64];

	move(LINES - 1, 0);
	clrtoeol();
	if (t->mode == MODE_SEARCH || t->mode == MODE_FILTER) {
		int x;

		printw("%s%s", t->mode == MODE_SEARCH ? "search: " : "filter: ", t->prompt);
		x = getcurx(stdscr);
		if (t->msg[0]) {	/* why the search or filter failed, after it */
			attron(attr_of(t, CP_WARN) | A_BOLD);
			printw("   %.*s", scr_cols() - x - 4 > 0 ? scr_cols() - x - 4 : 0, t->msg);
			attroff(attr_of(t, CP_WARN) | A_BOLD);
			move(LINES - 1, x);
		}
		curs_set(1);
		return;
	}
	curs_set(0);
	if (t->msg[0]) {
		attron(attr_of(t, CP_WARN) | A_BOLD);
		printw("%.*s", scr_cols(), t->msg);
		attroff(attr_of(t, CP_WARN) | A_BOLD);
		return;
	}
	describe_cursor(t, buf, sizeof(buf));
	printw("%-*.*s", scr_cols() > 30 ? scr_cols() - 30 : scr_cols(), scr_cols() > 30 ? scr_cols() - 30 : scr_cols(), buf);
	if (scr_cols() > 30) {
		attron(attr_of(t, CP_DIM));
		printw("%30s", "? help  / search  q quit");
		attroff(attr_of(t, CP_DIM));
	}
}

/*
 * The keys: each line names its keys before the first run of two spaces
 * (tests/docs-sync.sh holds man/iovctl-monitor.8's KEYS to the same set).
 * 24 lines, so that it fits an 80x24 terminal.
 */
static const char *const help_text[] = {
	"Keys",
	"  q F10               quit",
	"  Up Down j k         move",
	"  PgUp PgDn Home End  a page up, down; the first, last row",
	"  Enter               fold or unfold a PF's VFs",
	"  Right Left l h      unfold, fold (Left on a VF goes to its PF)",
	"  *                   unfold all, fold all",
	"  < >                 sort by the previous, next column",
	"  F6                  choose the sort column from a list",
	"  / n N               search an address (0000:81:00.0/vf3 too) or driver;",
	"                      next, previous match",
	"  \\                   filter: drv=vfio-pci node=1 role=vf group=N pf=ADDR",
	"                      state=S (same key: any of; other keys: all of; empty: none)",
	"  a                   active functions only",
	"  e                   events pane",
	"  p                   pause, resume",
	"  + -                 longer, shorter interval",
	"  ^L                  redraw the screen",
	"  ? F1                this help",
	"",
	"Rates are per second over the last interval; a PF row sums its VFs.",
	"LINK 8 GT/s x8 (16 GT/s x16): trained below the maximum in parentheses.",
	"AER: errors since the last refresh. '-': not known yet, or not applicable.",
	"Press any key to return.",
};

static void draw_help(const struct tui *t)
{
	size_t i;

	erase();
	for (i = 0; i < sizeof(help_text) / sizeof(help_text[0]) && (int)i < LINES; i++) {
		if (i == 0)
			attron(A_BOLD);
		mvprintw((int)i, 1, "%.*s", scr_cols() > 1 ? scr_cols() - 1 : 0, help_text[i]);
		if (i == 0)
			attroff(A_BOLD);
	}
	(void)t;
}

/* F6: the columns in a box over the rows, as htop's "Sort by" */
static void draw_sort_menu(const struct tui *t, const struct tui_layout *lo)
{
	int c, y0 = lo->rows_y, w = 18;

	attron(attr_of(t, CP_TITLE));
	mvprintw(y0, 0, "%-*s", w, " Sort by");
	attroff(attr_of(t, CP_TITLE));
	for (c = 0; c < IOV_MON_NCOLS && y0 + 1 + c < LINES - 1; c++) {
		attr_t a = c == t->sort_pick ? attr_of(t, CP_CURSOR) : A_NORMAL;

		attron(a);
		mvprintw(y0 + 1 + c, 0, " %-*s", w - 1, iov_mon_col_name((enum iov_mon_col)c));
		attroff(a);
	}
	move(LINES - 1, 0);
	clrtoeol();
	printw("%.*s", scr_cols() - 1, "sort: Up/Down choose, Enter sort, Esc cancel");
}

/* Blank what lies right of --width (header and prose lines are not fitted). */
static void clip_to_width(void)
{
	int y;

	if (scr_cols() >= COLS)
		return;
	for (y = 0; y < LINES; y++) {
		move(y, scr_cols());
		clrtoeol();
	}
}

static void draw(struct tui *t)
{
	struct tui_layout lo = { 0 };

	if (t->mode == MODE_HELP) {
		draw_help(t);
	} else {
		plan_areas(t, &lo);
		draw_header(t);
		draw_rows(t, &lo);
		draw_events(t, &lo);
		draw_status(t);
		if (t->mode == MODE_SORT)
			draw_sort_menu(t, &lo);
	}
	clip_to_width();
	refresh();
}

/* ---- search and filter ------------------------------------------------------ */

/* "0000:81:00.0/vf3", "81:00.0/vf3": a VF by its PF and index */
static bool match_vf_name(const struct iov_mon_row *r, const char *q)
{
	const char *slash = strstr(q, "/vf");
	char pf[IOV_BDF_STRLEN + 8];
	char *end;
	long idx;

	if (!slash || r->role != IOV_MON_ROLE_VF || !r->physfn[0])
		return false;
	idx = strtol(slash + 3, &end, 10);
	if (end == slash + 3 || *end || idx != r->vf_index)
		return false;
	snprintf(pf, sizeof(pf), "%.*s", (int)(slash - q), q);
	return pf[0] && strstr(r->physfn, pf) != NULL;
}

static bool row_matches(const struct iov_mon_row *r, const char *q)
{
	if (!*q)
		return false;
	if (strchr(q, '/'))
		return match_vf_name(r, q);
	return strcasestr(r->addr, q) || (r->driver[0] && strcasestr(r->driver, q));
}

/*
 * Jump to the next (dir 1) or previous (-1) function matching the search,
 * from `from` (itself included when `inclusive`, as while typing), over
 * every row the filter passes, folded VFs included: a VF found is revealed
 * by unfolding its PF.
 */
static bool search_jump(struct tui *t, const char *from, int dir, bool inclusive)
{
	size_t n = iov_mon_nrows(t->mon), start = 0, skip = inclusive ? 0 : 1, k;
	struct iov_mon_row *hit = NULL;
	bool hidden = false;

	for (k = 0; k < n && from[0]; k++)
		if (strcmp(iov_mon_row_at(t->mon, k)->addr, from) == 0) {
			start = k;
			break;
		}
	for (k = 0; k < n; k++) {
		size_t i = dir > 0 ? (start + k + skip) % n : (start + 2 * n - k - skip) % n;
		struct iov_mon_row *r = iov_mon_row_at(t->mon, i);

		if (!row_matches(r, t->search_text))
			continue;
		if (!row_selected(t, r)) {
			hidden = true;
			continue;
		}
		hit = r;
		break;
	}
	if (!hit) {
		snprintf(t->msg, sizeof(t->msg), hidden ? "'%s' matches only rows the filter hides"
							: "'%s' not found", t->search_text);
		return false;
	}
	if (is_child(hit))
		set_expanded(t, hit->pf, true);
	snprintf(t->cursor_addr, sizeof(t->cursor_addr), "%s", hit->addr);
	relayout(t);
	return true;
}

/* Parse space- or comma-separated KEY=VALUE filters; all or nothing. */
static int apply_filter(struct tui *t, const char *text)
{
	struct iov_mon_filter f[MAX_FILTERS];
	char buf[PROMPT_LEN], *save = NULL, *tok;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		if (n == MAX_FILTERS) {
			snprintf(t->msg, sizeof(t->msg), "at most %d filters", MAX_FILTERS);
			return -E2BIG;
		}
		if (iov_mon_filter_parse(tok, &f[n]) < 0) {
			snprintf(t->msg, sizeof(t->msg),
				 "invalid filter '%s' (drv=, node=, role=, group=, pf=, state=)", tok);
			return -EINVAL;
		}
		n++;
	}
	memcpy(t->filter, f, n * sizeof(f[0]));
	t->nfilter = n;
	/* the text as given, single-spaced */
	t->filter_text[0] = '\0';
	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
		snprintf(t->filter_text + strlen(t->filter_text),
			 sizeof(t->filter_text) - strlen(t->filter_text), "%s%s",
			 t->filter_text[0] ? " " : "", tok);
	relayout(t);
	return 0;
}

/* ---- keys -------------------------------------------------------------------- */

static const double intervals[] = { 0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60 };
#define NINTERVALS (sizeof(intervals) / sizeof(intervals[0]))

static void change_interval(struct tui *t, int dir)
{
	size_t i;

	if (dir > 0) {
		for (i = 0; i < NINTERVALS; i++)
			if (intervals[i] > t->interval + 1e-9) {
				t->interval = intervals[i];
				return;
			}
	} else {
		for (i = NINTERVALS; i-- > 0;)
			if (intervals[i] < t->interval - 1e-9) {
				t->interval = intervals[i];
				return;
			}
	}
}

static void cycle_sort(struct tui *t, int dir)
{
	int c = (int)iov_mon_sort(t->mon) + dir;

	if (c < 0)
		c = IOV_MON_NCOLS - 1;
	if (c >= IOV_MON_NCOLS)
		c = 0;
	iov_mon_set_sort(t->mon, (enum iov_mon_col)c);
	relayout(t);
}

static void move_cursor(struct tui *t, long delta)
{
	long i = (long)t->cursor + delta;

	if (i < 0)
		i = 0;
	set_cursor(t, (size_t)i);
}

static struct iov_mon_row *cursor_row(const struct tui *t)
{
	return t->nline ? t->line[t->cursor].row : NULL;
}

static void fold_key(struct tui *t, int how)	/* 1 unfold, 0 fold, -1 toggle */
{
	struct iov_mon_row *r = cursor_row(t);

	if (!r)
		return;
	if (is_child(r)) {
		if (how == 0) {	/* Left on a VF: to its PF */
			snprintf(t->cursor_addr, sizeof(t->cursor_addr), "%s", r->pf->addr);
			relayout(t);
		}
		return;
	}
	if (!r->nvfs)
		return;
	set_expanded(t, r, how < 0 ? !is_expanded(t, r) : how);
	relayout(t);
}

static void expand_all(struct tui *t)
{
	t->expand_all = !t->expand_all;
	t->ntoggled = 0;
	relayout(t);
}

/* A key while a search or filter prompt is open. */
static void prompt_key(struct tui *t, int ch)
{
	size_t len = strlen(t->prompt);

	switch (ch) {
	case 27:	/* Esc: cancel */
		if (t->mode == MODE_SEARCH && t->search_from[0]) {
			snprintf(t->cursor_addr, sizeof(t->cursor_addr), "%s", t->search_from);
			relayout(t);
		}
		t->mode = MODE_NORMAL;
		return;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (t->mode == MODE_FILTER) {
			if (apply_filter(t, t->prompt) < 0)
				return;	/* keep the prompt open to fix it */
		} else {
			snprintf(t->search_text, sizeof(t->search_text), "%s", t->prompt);
		}
		t->mode = MODE_NORMAL;
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (len)
			t->prompt[len - 1] = '\0';
		break;
	case 21:	/* ^U */
		t->prompt[0] = '\0';
		break;
	default:
		if (ch >= 32 && ch < 127 && len + 1 < sizeof(t->prompt)) {
			t->prompt[len] = (char)ch;
			t->prompt[len + 1] = '\0';
		}
		break;
	}
	t->msg[0] = '\0';
	/* incremental: search as typed, from where the search began */
	if (t->mode == MODE_SEARCH && t->prompt[0]) {
		snprintf(t->search_text, sizeof(t->search_text), "%s", t->prompt);
		search_jump(t, t->search_from, 1, true);
	}
}

static void open_prompt(struct tui *t, enum tui_mode m)
{
	t->mode = m;
	t->msg[0] = '\0';
	if (m == MODE_FILTER) {
		snprintf(t->prompt, sizeof(t->prompt), "%s", t->filter_text);
	} else {
		t->prompt[0] = '\0';
		/* typing searches from the cursor on; Esc goes back there */
		snprintf(t->search_from, sizeof(t->search_from), "%s", t->cursor_addr);
	}
}

/* A key while the F6 sort menu is open. */
static void sort_menu_key(struct tui *t, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (t->sort_pick > 0)
			t->sort_pick--;
		break;
	case KEY_DOWN:
	case 'j':
		if (t->sort_pick + 1 < IOV_MON_NCOLS)
			t->sort_pick++;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		iov_mon_set_sort(t->mon, (enum iov_mon_col)t->sort_pick);
		relayout(t);
		t->mode = MODE_NORMAL;
		break;
	case 27:
	case 'q':
	case KEY_F(6):
		t->mode = MODE_NORMAL;
		break;
	}
}

/* Returns false to quit. */
static bool handle_key(struct tui *t, int ch)
{
	if (t->mode == MODE_HELP) {
		t->mode = MODE_NORMAL;
		erase();
		return true;
	}
	if (t->mode == MODE_SORT) {
		sort_menu_key(t, ch);
		return true;
	}
	if (t->mode == MODE_SEARCH || t->mode == MODE_FILTER) {
		prompt_key(t, ch);
		return true;
	}
	t->msg[0] = '\0';
	switch (ch) {
	case 'q':
	case KEY_F(10):
		return false;
	case KEY_UP:
	case 'k':
		move_cursor(t, -1);
		break;
	case KEY_DOWN:
	case 'j':
		move_cursor(t, 1);
		break;
	case KEY_PPAGE:
		move_cursor(t, -(LINES - 5));
		break;
	case KEY_NPAGE:
	case ' ':
		move_cursor(t, LINES - 5);
		break;
	case KEY_HOME:
	case 'g':
		set_cursor(t, 0);
		break;
	case KEY_END:
	case 'G':
		set_cursor(t, t->nline ? t->nline - 1 : 0);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		fold_key(t, -1);
		break;
	case KEY_RIGHT:
	case 'l':
		fold_key(t, 1);
		break;
	case KEY_LEFT:
	case 'h':
		fold_key(t, 0);
		break;
	case '*':
		expand_all(t);
		break;
	case '>':
	case '.':
		cycle_sort(t, 1);
		break;
	case KEY_F(6):
		t->mode = MODE_SORT;
		t->sort_pick = (int)iov_mon_sort(t->mon);
		break;
	case '<':
	case ',':
		cycle_sort(t, -1);
		break;
	case '/':
		open_prompt(t, MODE_SEARCH);
		break;
	case 'n':
	case KEY_F(3):
		if (t->search_text[0])
			search_jump(t, t->cursor_addr, 1, false);
		break;
	case 'N':
		if (t->search_text[0])
			search_jump(t, t->cursor_addr, -1, false);
		break;
	case '\\':
		open_prompt(t, MODE_FILTER);
		break;
	case 'a':
		t->active_only = !t->active_only;
		relayout(t);
		break;
	case 'e':
		t->events = !t->events;
		break;
	case 'p':
		t->paused = !t->paused;
		break;
	case '+':
	case '=':
		change_interval(t, 1);
		break;
	case '-':
		change_interval(t, -1);
		break;
	case '?':
	case 'H':
	case KEY_F(1):
		t->mode = MODE_HELP;
		break;
	case 12:	/* ^L */
		clearok(curscr, TRUE);
		break;
	case KEY_RESIZE:
		break;
	}
	return true;
}

/* ---- the loop --------------------------------------------------------------- */

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void handle_resize(void)
{
	struct winsize ws;

	got_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

static void drain_pipe(void)
{
	char buf[64];

	while (read(sig_pipe[0], buf, sizeof(buf)) > 0)
		;
}

/* Milliseconds until the monotonic time `at` (0 when past). */
static int ms_until(uint64_t at)
{
	uint64_t now = mono_now_ns();

	if (at <= now)
		return 0;
	if (at - now > (uint64_t)INT_MAX * 1000000ull)
		return INT_MAX;
	return (int)((at - now + 999999) / 1000000);
}

static int sample(struct tui *t)
{
	int r = iov_mon_refresh(t->mon);

	if (r < 0) {
		snprintf(t->msg, sizeof(t->msg), "cannot sample: %s", strerror(-r));
		return r;
	}
	relayout(t);
	return 0;
}

/*
 * Run until q, -n samples, or SIGINT/SIGTERM/SIGHUP: stopping is how a
 * monitor ends, so all of them exit 0, as batch mode does (iovctl-monitor(8)).
 */
static int run_loop(struct tui *t)
{
	uint64_t next = mono_now_ns();
	bool dirty = true;

	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = sig_pipe[0], .events = POLLIN },
		};
		int ch, timeout;

		if (got_signal)
			return EXIT_OK;
		if (!t->paused && ms_until(next) == 0) {
			double c0 = cpu_ms();

			/* -n: the last sample stays on screen for one interval */
			if (t->iterations && iov_mon_samples(t->mon) >= t->iterations)
				return EXIT_OK;

			sample(t);
			draw(t);
			t->cost_ms = cpu_ms() - c0;
			next += (uint64_t)(t->interval * 1e9);
			if (next < mono_now_ns())
				next = mono_now_ns() + (uint64_t)(t->interval * 1e9);
			dirty = true;
		}
		if (got_winch) {
			handle_resize();
			dirty = true;
		}
		if (dirty)
			draw(t);
		dirty = false;
		timeout = t->paused ? -1 : ms_until(next);
		if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
			return EXIT_RUNTIME;
		if (pfd[1].revents)
			drain_pipe();
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return EXIT_OK;	/* the terminal went away */
		while ((ch = getch()) != ERR) {
			double was = t->interval;

			if (!handle_key(t, ch))
				return EXIT_OK;
			if (t->interval != was)
				next = mono_now_ns() + (uint64_t)(t->interval * 1e9);
			dirty = true;
		}
	}
}

static void tui_free(struct tui *t)
{
	free(t->line);
	free(t->toggled);
}

/* The --filter options as the filter prompt shows them: "drv=vfio-pci node=1" */
static void filter_text_of(struct tui *t)
{
	size_t i, off = 0;

	t->filter_text[0] = '\0';
	for (i = 0; i < t->nfilter && off < sizeof(t->filter_text); i++)
		off += (size_t)snprintf(t->filter_text + off, sizeof(t->filter_text) - off,
					"%s%s=%s", i ? " " : "",
					iov_mon_filter_key_name(t->filter[i].key), t->filter[i].value);
}

int monitor_tui_run(struct iov_cli *cli, struct iov_ctx *ctx, struct iov_mon *mon,
		    struct monitor_opts *o)
{
	static bool atexit_done;
	struct tui t = {
		.cli = cli,
		.mon = mon,
		.interval = o->delay > 0 ? o->delay : 2,
		.iterations = o->iterations,
		.active_only = o->active,
	};
	int r;

	width_cap = cli->width;
	t.nfilter = o->nfilters < MAX_FILTERS ? o->nfilters : MAX_FILTERS;
	memcpy(t.filter, o->filter, t.nfilter * sizeof(t.filter[0]));
	filter_text_of(&t);
	setlocale(LC_ALL, "");
	read_host_facts(&t, ctx);
	if (install_signals() < 0) {
		cli_err("cannot set up signal handling: %s", strerror(errno));
		return EXIT_RUNTIME;
	}
	if (!atexit_done)
		atexit(restore_terminal_at_exit);
	atexit_done = true;
	r = start_curses(&t);
	if (r == EXIT_OK)
		r = run_loop(&t);
	restore_terminal();
	if (t.scr)
		delscreen(t.scr);
	uninstall_signals();
	tui_free(&t);
	return r;
}
