// SPDX-License-Identifier: GPL-2.0-or-later
/* The presentation layer: formatters, JSON writing, fitted tables, wrapped prose. */
#include "config.h"

#include "output.h"

#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <json-c/printbuf.h>
#include <langinfo.h>
#include <libsmartcols.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "lib/iov-topology.h"

/* ---- formatters ---------------------------------------------------------------- */

const char *out_fmt_link(char *buf, size_t len, double gts, int width)
{
	if (gts > 0 && width > 0)
		snprintf(buf, len, "%g GT/s x%d", gts, width);
	else if (gts > 0)
		snprintf(buf, len, "%g GT/s", gts);
	else if (width > 0)
		snprintf(buf, len, "? GT/s x%d", width);
	else
		snprintf(buf, len, "unknown");
	return buf;
}

const char *out_fmt_size(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	const unsigned last = sizeof(units) / sizeof(units[0]) - 1;
	uint64_t v = bytes;
	double d = bytes;
	unsigned u = 0;

	if (bytes >= 1024 && bytes % 1024) {
		/* not a whole number of KiB: a rounded value, as for a total */
		while (d >= 1024 && u < last) {
			d /= 1024;
			u++;
		}
		snprintf(buf, len, "%.1f %s", d, units[u]);
		return buf;
	}
	while (v >= 1024 && !(v % 1024) && u < last) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 " %s", v, units[u]);
	return buf;
}

/* three significant digits in the largest unit under the value */
const char *out_fmt_rate(char *buf, size_t len, double bytes_per_s)
{
	static const char *const units[] = { "B/s", "kB/s", "MB/s", "GB/s", "TB/s" };
	double v = bytes_per_s;
	unsigned u = 0;

	while (v >= 999.5 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1000;
		u++;
	}
	if (u == 0 || v >= 99.95)
		snprintf(buf, len, "%.0f %s", v, units[u]);
	else if (v >= 9.995)
		snprintf(buf, len, "%.1f %s", v, units[u]);
	else
		snprintf(buf, len, "%.2f %s", v, units[u]);
	return buf;
}

const char *out_fmt_latency(char *buf, size_t len, double ns)
{
	if (ns < 1e3)
		snprintf(buf, len, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.1f us", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.2f ms", ns / 1e6);
	else
		snprintf(buf, len, "%.2f s", ns / 1e9);
	return buf;
}

const char *out_fmt_address(char *buf, size_t len, const struct iov_bdf *bdf)
{
	char a[IOV_BDF_STRLEN];

	iov_bdf_format(bdf, a);
	snprintf(buf, len, "%s", a);
	return buf;
}

const char *out_fmt_vf_range(char *buf, size_t len, const char *pf_addr, int first, int last)
{
	if (first == last)
		snprintf(buf, len, "%s/vf%d", pf_addr, first);
	else
		snprintf(buf, len, "%s/vf%d-%d", pf_addr, first, last);
	return buf;
}

/* ---- terminal width and prose --------------------------------------------------- */

unsigned out_term_width(unsigned width_opt)
{
	struct winsize ws;
	const char *cols;
	char *end;
	unsigned long v;

	if (width_opt)
		return width_opt;
	if (!isatty(STDOUT_FILENO))
		return 0;
	cols = getenv("COLUMNS");
	if (cols && *cols) {
		v = strtoul(cols, &end, 10);
		if (!*end && v > 0 && v < 100000)
			return v;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && strcmp(cs, "UTF-8") == 0;
}

/* Columns the first n bytes of s take on a terminal; bytes when not UTF-8. */
static size_t text_width(const char *s, size_t n)
{
	mbstate_t st;
	size_t w = 0, k;
	wchar_t wc;
	int cw;

	if (!utf8_locale())
		return n;
	memset(&st, 0, sizeof(st));
	while (n > 0) {
		k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			k = 1;
			cw = 1;
		} else {
			if (k == 0)
				break;
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += cw;
		s += k;
		n -= k;
	}
	return w;
}

void out_wrap(FILE *f, const char *text, unsigned width, unsigned col, unsigned indent)
{
	const char *p = text;
	bool line_start = true;	/* nothing of the text on this line yet */

	if (!width) {
		fprintf(f, "%s\n", text);
		return;
	}
	while (*p) {
		size_t n = strcspn(p, " \n"), w = text_width(p, n);

		if (n) {
			if (!line_start && col + 1 + w > width) {
				fprintf(f, "\n%*s", (int)indent, "");
				col = indent;
			} else if (!line_start) {
				fputc(' ', f);
				col++;
			}
			fwrite(p, 1, n, f);
			col += w;
			line_start = false;
			p += n;
		}
		if (*p == '\n') {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
			line_start = true;
		}
		if (*p)
			p++;
	}
	fputc('\n', f);
}

/* ---- JSON ---------------------------------------------------------------------- */

#define OUT_JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | \
			JSON_C_TO_STRING_NOSLASHESCAPE)

/*
 * The document as json-c's PRETTY | SPACED | NOSLASHESCAPE would print it,
 * but written straight to the stream: json-c builds the whole text in a
 * buffer, formatting each indent and integer through printf, which cost
 * inspect -j as much as reading 2,000 functions from sysfs. Empty arrays
 * and objects are "[]" and "{}" as jq writes them (json-c: "[\n  ]").
 */
/*
 * Output gathers in a buffer on the stack and goes to the stream in large
 * writes: through stdio piece by piece (a key, ": ", an indent) the calls
 * cost more than the formatting.
 */
struct jw {
	FILE *f;
	size_t n;
	char b[16384];
};

static void jw_flush(struct jw *w)
{
	if (w->n)
		fwrite_unlocked(w->b, 1, w->n, w->f);
	w->n = 0;
}

static void jw_put(struct jw *w, const char *s, size_t len)
{
	if (len > sizeof(w->b) - w->n) {
		jw_flush(w);
		if (len > sizeof(w->b)) {
			fwrite_unlocked(s, 1, len, w->f);
			return;
		}
	}
	memcpy(w->b + w->n, s, len);
	w->n += len;
}

static void jw_str(struct jw *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

static void jw_char(struct jw *w, char c)
{
	if (w->n == sizeof(w->b))
		jw_flush(w);
	w->b[w->n++] = c;
}

static void json_indent(struct jw *w, int level)
{
	size_t n = (size_t)level * 2;

	while (n > 0) {
		size_t k;

		if (w->n == sizeof(w->b))
			jw_flush(w);
		k = sizeof(w->b) - w->n < n ? sizeof(w->b) - w->n : n;
		memset(w->b + w->n, ' ', k);
		w->n += k;
		n -= k;
	}
}

/*
 * Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0 when it is not one.
 */
static size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	size_t n, i;
	unsigned lo = 0x80, hi = 0xbf;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > len)
		return 0;
	/* the second byte's range rules out overlongs, surrogates and > U+10FFFF */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/*
 * json-c's escaping, less the slash (NOSLASHESCAPE). json-c does not check
 * UTF-8, and strings read from sysfs (a label, a driver's name, a corrupt
 * attribute) may hold any bytes: each byte that does not start a valid
 * sequence becomes U+FFFD, as jq and Python's "replace" do, so the document
 * stays valid JSON.
 */
static void json_string(struct jw *w, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	jw_char(w, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		const char *esc = NULL;

		if (c >= ' ' && c < 0x80 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '\b': esc = "\\b"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\f': esc = "\\f"; break;
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		default:
			if (c >= 0x80) {
				size_t n = utf8_seq_len((const unsigned char *)s + i, len - i);

				if (n) {
					i += n - 1;
					continue;
				}
				esc = "\xef\xbf\xbd";	/* U+FFFD */
			}
		}
		jw_put(w, s + run, i - run);
		run = i + 1;
		if (esc) {
			jw_str(w, esc);
		} else {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

			jw_put(w, u, sizeof(u));
		}
	}
	jw_put(w, s + run, len - run);
	jw_char(w, '"');
}

static void json_int(struct jw *w, struct json_object *o)
{
	char buf[24], *p = buf + sizeof(buf);
	int64_t v = json_object_get_int64(o);
	uint64_t u;

	/* beyond int64 json-c keeps a uint64: let it print that */
	if (v == INT64_MAX) {
		jw_str(w, json_object_to_json_string_ext(o, OUT_JSON_FLAGS));
		return;
	}
	u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	do
		*--p = '0' + u % 10;
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	jw_put(w, p, buf + sizeof(buf) - p);
}

/* the separator before an item; level < 0: one line, as json-c's PLAIN (JSON lines) */
static void json_sep(struct jw *w, bool first, int level)
{
	if (!first)
		jw_char(w, ',');
	if (level >= 0) {
		jw_char(w, '\n');
		json_indent(w, level + 1);
	}
}

static void json_close(struct jw *w, int level, char c)
{
	if (level >= 0) {
		jw_char(w, '\n');
		json_indent(w, level);
	}
	jw_char(w, c);
}

static void json_value(struct jw *w, struct json_object *o, int level)
{
	int inner = level < 0 ? level : level + 1;
	size_t i, n;
	bool first = true;

	switch (json_object_get_type(o)) {
	case json_type_null:
		jw_put(w, "null", 4);
		break;
	case json_type_boolean:
		if (json_object_get_boolean(o))
			jw_put(w, "true", 4);
		else
			jw_put(w, "false", 5);
		break;
	case json_type_int:
		json_int(w, o);
		break;
	case json_type_string:
		json_string(w, json_object_get_string(o), json_object_get_string_len(o));
		break;
	case json_type_array:
		n = json_object_array_length(o);
		if (!n) {
			jw_put(w, "[]", 2);
			break;
		}
		jw_char(w, '[');
		for (i = 0; i < n; i++) {
			json_sep(w, !i, level);
			json_value(w, json_object_array_get_idx(o, i), inner);
		}
		json_close(w, level, ']');
		break;
	case json_type_object:
		jw_char(w, '{');
		{
			json_object_object_foreach(o, key, val) {
				json_sep(w, first, level);
				first = false;
				json_string(w, key, strlen(key));
				if (level < 0)
					jw_char(w, ':');
				else
					jw_put(w, ": ", 2);
				json_value(w, val, inner);
			}
		}
		if (first) {
			jw_char(w, '}');
			break;
		}
		json_close(w, level, '}');
		break;
	default:
		/* doubles: json-c's own form (and the text out_json_number gave it) */
		jw_str(w, json_object_to_json_string_ext(o, OUT_JSON_FLAGS));
		break;
	}
}

int out_json_print(struct json_object *o, FILE *f)
{
	struct jw w = { .f = f };

	json_value(&w, o, 0);
	jw_char(&w, '\n');
	jw_flush(&w);
	return ferror(f) ? -EIO : 0;
}

int out_json_print_line(struct json_object *o, FILE *f)
{
	struct jw w = { .f = f };

	json_value(&w, o, -1);
	jw_char(&w, '\n');
	jw_flush(&w);
	return ferror(f) ? -EIO : 0;
}

/* the separator and indent before the next value of the innermost container */
static void json_doc_next(struct out_json_doc *doc, struct jw *w)
{
	int top = doc->depth - 1;

	if (doc->empty[top])
		jw_char(w, '\n');
	else
		jw_put(w, ",\n", 2);
	doc->empty[top] = false;
	json_indent(w, doc->depth);
}

static void json_doc_open(struct out_json_doc *doc, struct jw *w, char open, char close)
{
	jw_char(w, open);
	if (doc->depth >= OUT_JSON_DOC_DEPTH)
		abort();	/* a caller's bug: the document is fixed-shape */
	doc->empty[doc->depth] = true;
	doc->close[doc->depth] = close;
	doc->depth++;
}

/* "[]"/"{}" when empty, as out_json_print writes them */
static void json_doc_close(struct out_json_doc *doc, struct jw *w)
{
	doc->depth--;
	if (!doc->empty[doc->depth]) {
		jw_char(w, '\n');
		json_indent(w, doc->depth);
	}
	jw_char(w, doc->close[doc->depth]);
}

static void json_doc_key(struct out_json_doc *doc, struct jw *w, const char *key)
{
	json_doc_next(doc, w);
	json_string(w, key, strlen(key));
	jw_put(w, ": ", 2);
}

void out_json_doc_begin(struct out_json_doc *doc, FILE *f)
{
	struct jw w = { .f = f };

	doc->f = f;
	doc->depth = 0;
	json_doc_open(doc, &w, '{', '}');
	jw_flush(&w);
}

void out_json_doc_member(struct out_json_doc *doc, const char *key, struct json_object *v)
{
	struct jw w = { .f = doc->f };

	json_doc_key(doc, &w, key);
	json_value(&w, v, doc->depth);
	jw_flush(&w);
}

void out_json_doc_array_begin(struct out_json_doc *doc, const char *key)
{
	struct jw w = { .f = doc->f };

	json_doc_key(doc, &w, key);
	json_doc_open(doc, &w, '[', ']');
	jw_flush(&w);
}

void out_json_doc_array_item(struct out_json_doc *doc, struct json_object *v)
{
	struct jw w = { .f = doc->f };

	json_doc_next(doc, &w);
	json_value(&w, v, doc->depth);
	jw_flush(&w);
}

void out_json_doc_array_end(struct out_json_doc *doc)
{
	struct jw w = { .f = doc->f };

	json_doc_close(doc, &w);
	jw_flush(&w);
}

int out_json_doc_end(struct out_json_doc *doc)
{
	struct jw w = { .f = doc->f };

	while (doc->depth > 0)
		json_doc_close(doc, &w);
	jw_char(&w, '\n');
	jw_flush(&w);
	return ferror(doc->f) ? -EIO : 0;
}

struct json_object *out_json_number(double v)
{
	char buf[32], *e;

	snprintf(buf, sizeof(buf), "%.3f", v);
	/* "15.754" stays, "8.000" -> "8", "2.500" -> "2.5" */
	if (strchr(buf, '.')) {
		e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return json_object_new_double_s(strtod(buf, NULL), buf);
}

struct json_object *out_json_int_or_null(long long v)
{
	return v < 0 ? NULL : json_object_new_int64(v);
}

struct json_object *out_json_str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

const char *out_role(const struct iov_dev *d)
{
	return iov_topo_kind_str(iov_topo_dev_kind(d));
}

/* the first keys of a fresh object, each once, literals: no copy, no lookup */
static void json_put_new(struct json_object *o, const char *k, struct json_object *v)
{
	json_object_object_add_ex(o, k, v, JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
}

void out_json_function(struct json_object *o, const struct iov_dev *d)
{
	json_put_new(o, "address", json_object_new_string(d->addr));
	json_put_new(o, "role", json_object_new_string(out_role(d)));
	if (d->is_vf) {
		json_put_new(o, "physfn", out_json_str_or_null(d->physfn_addr[0] ? d->physfn_addr : NULL));
		json_put_new(o, "vf_index", out_json_int_or_null(d->vf_index));
	}
	json_put_new(o, "numa_node", out_json_int_or_null(d->numa_node));
}

/* ---- fitted tables ------------------------------------------------------------- */

#define OUT_MAXCOLS 32
#define OUT_TRUNC_MIN 8		/* a cut column keeps this much, or its header */

struct out_table {
	struct libscols_table *tb;
	unsigned width;		/* 0: full lines */
	bool utf8;		/* "…" rather than "..." */
	size_t ncols;
	struct {
		struct libscols_column *cl;
		int flags;
		unsigned drop;
		size_t want;	/* natural width, as libsmartcols measured it */
		size_t min;	/* narrowest when cut */
		size_t hint;	/* its share of the width (the whint), cut beyond it first */
		size_t w;	/* width given */
		bool hidden;
	} col[OUT_MAXCOLS];
};

struct out_table *out_table_new(unsigned width_opt, bool ascii, bool color)
{
	struct out_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	/*
	 * libsmartcols draws the tree in UTF-8 when the locale's character set
	 * is; only LC_CTYPE, so numbers keep their '.' whatever LC_NUMERIC says.
	 */
	setlocale(LC_CTYPE, "");
	t->tb = scols_new_table();
	if (!t->tb) {
		free(t);
		return NULL;
	}
	t->width = out_term_width(width_opt);
	t->utf8 = !ascii && utf8_locale();
	scols_table_enable_ascii(t->tb, ascii);
	scols_table_enable_colors(t->tb, color);
	/* we fit the lines ourselves; libsmartcols would wrap cells */
	scols_table_set_termforce(t->tb, SCOLS_TERMFORCE_NEVER);
	return t;
}

struct libscols_column *out_table_add_column(struct out_table *t, const char *name, double whint,
					     int flags, unsigned drop)
{
	struct libscols_column *cl;

	if (t->ncols >= OUT_MAXCOLS)
		return NULL;
	cl = scols_table_new_column(t->tb, name, whint, flags);
	if (!cl)
		return NULL;
	t->col[t->ncols].cl = cl;
	t->col[t->ncols].flags = flags;
	t->col[t->ncols].drop = drop;
	/* as libsmartcols reads whint: below 1 a share of the line, else columns */
	t->col[t->ncols].hint = whint < 1 ? (size_t)(whint * t->width) : (size_t)whint;
	t->ncols++;
	return cl;
}

struct libscols_table *out_table_scols(struct out_table *t)
{
	return t->tb;
}

/* the width of the visible columns and the one-space gaps between them */
static size_t line_width(const struct out_table *t)
{
	size_t i, w = 0, n = 0;

	for (i = 0; i < t->ncols; i++)
		if (!t->col[i].hidden) {
			w += t->col[i].w;
			n++;
		}
	return n ? w + n - 1 : 0;
}

static int measure(struct out_table *t)
{
	char *s = NULL;
	size_t i, title;
	int r;

	r = scols_print_table_to_string(t->tb, &s);
	free(s);
	if (r)
		return r;
	for (i = 0; i < t->ncols; i++) {
		const char *name = scols_cell_get_data(scols_column_get_header(t->col[i].cl));

		title = name ? text_width(name, strlen(name)) : 0;
		t->col[i].want = scols_column_get_width(t->col[i].cl);
		t->col[i].w = t->col[i].want;
		t->col[i].min = t->col[i].want;
		if (t->col[i].flags & SCOLS_FL_TRUNC) {
			size_t min = title > OUT_TRUNC_MIN ? title : OUT_TRUNC_MIN;

			if (min < t->col[i].want)
				t->col[i].min = min;
		}
	}
	return 0;
}

/* how far column i is over its share of the line */
static long over_hint(const struct out_table *t, size_t i)
{
	return (long)t->col[i].w - (long)t->col[i].hint;
}

/*
 * Cut the truncatable columns by what the line is too wide, one column at
 * a time: the one furthest over its share first, so a long NAME gives way
 * before a short DRIVER does.
 */
static bool shrink(struct out_table *t)
{
	size_t total = line_width(t), i, best;

	while (total > t->width) {
		best = t->ncols;
		for (i = 0; i < t->ncols; i++)
			if (!t->col[i].hidden && t->col[i].w > t->col[i].min &&
			    (best == t->ncols || over_hint(t, i) > over_hint(t, best)))
				best = i;
		if (best == t->ncols)
			return false;
		t->col[best].w--;
		total--;
	}
	return true;
}

static void restore(struct out_table *t)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		t->col[i].w = t->col[i].want;
}

/* Hide the visible column that goes first; false when none may go. */
static bool drop_one(struct out_table *t)
{
	size_t i, best = t->ncols;

	for (i = 0; i < t->ncols; i++)
		if (!t->col[i].hidden && t->col[i].drop &&
		    (best == t->ncols || t->col[i].drop < t->col[best].drop))
			best = i;
	if (best == t->ncols)
		return false;
	t->col[best].hidden = true;
	return true;
}

/* s cut to at most w columns, ending in an ellipsis; NULL on ENOMEM */
static char *ellipsize(const char *s, size_t w, bool utf8)
{
	const char *ell = utf8 ? "\u2026" : "...";
	size_t ellw = utf8 ? 1 : 3, n = 0, used = 0, len = strlen(s);
	char *out;

	if (w <= ellw)
		return strndup(ell, w);
	/* the longest prefix that leaves room for the ellipsis */
	while (n < len) {
		size_t k = 1, cw;

		if (utf8) {
			mbstate_t st;

			memset(&st, 0, sizeof(st));
			k = mbrlen(s + n, len - n, &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
				k = 1;
		}
		cw = text_width(s + n, k);
		if (used + cw + ellw > w)
			break;
		used += cw;
		n += k;
	}
	/* no trailing blank before the ellipsis */
	while (n > 0 && s[n - 1] == ' ')
		n--;
	out = malloc(n + strlen(ell) + 1);
	if (!out)
		return NULL;
	memcpy(out, s, n);
	strcpy(out + n, ell);
	return out;
}

static int cut_cells(struct out_table *t, size_t i)
{
	struct libscols_iter *it = scols_new_iter(SCOLS_ITER_FORWARD);
	struct libscols_line *ln;
	int r = 0;

	if (!it)
		return -ENOMEM;
	while (r == 0 && scols_table_next_line(t->tb, it, &ln) == 0) {
		struct libscols_cell *ce = scols_line_get_cell(ln, i);
		const char *s = ce ? scols_cell_get_data(ce) : NULL;
		char *cut;

		if (!s || text_width(s, strlen(s)) <= t->col[i].w)
			continue;
		cut = ellipsize(s, t->col[i].w, t->utf8);
		if (!cut) {
			r = -ENOMEM;
			break;
		}
		r = scols_cell_refer_data(ce, cut);
	}
	scols_free_iter(it);
	return r;
}

/*
 * Fit the lines to t->width: drop whole columns (in their order) only while
 * cutting the truncatable ones to their minimum would not be enough.
 */
static int fit(struct out_table *t)
{
	size_t i;
	int r = measure(t);

	if (r)
		return r;
	for (;;) {
		restore(t);
		if (shrink(t))
			break;
		if (!drop_one(t))
			break;	/* as narrow as it goes: the lines overflow */
	}
	for (i = 0; i < t->ncols && r == 0; i++) {
		if (t->col[i].hidden)
			r = scols_column_set_flags(t->col[i].cl, t->col[i].flags | SCOLS_FL_HIDDEN);
		else if (t->col[i].w < t->col[i].want)
			r = cut_cells(t, i);
	}
	return r;
}

int out_table_print(struct out_table *t, FILE *f)
{
	int r;

	if (t->width) {
		r = fit(t);
		if (r)
			return r;
	}
	r = scols_table_set_stream(t->tb, f);
	if (r == 0)
		r = scols_print_table(t->tb);
	return r;
}

void out_table_free(struct out_table *t)
{
	if (!t)
		return;
	scols_unref_table(t->tb);
	free(t);
}
