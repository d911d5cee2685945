/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The presentation layer every command prints through: one way to write a
 * link, a size, a rate, a latency, an address and a VF range; one set of
 * JSON writer flags; one table setup that fits the terminal as lsblk does;
 * prose wrapped at word boundaries on a terminal.
 *
 * Formatters write into the caller's buffer (always NUL-terminated, cut if
 * short) and return it, so they can be used inside printf's arguments.
 */
#ifndef IOVCTL_OUTPUT_H
#define IOVCTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/iov.h"

struct json_object;
struct libscols_table;
struct libscols_column;

#define OUT_FMT_LEN 48		/* enough for any formatter below but VF ranges */
#define OUT_VF_RANGE_LEN 40	/* "dddddddd:bb:dd.f/vf65535-65535" + NUL */

/*
 * "16 GT/s x16"; "16 GT/s" when the width is unknown (<= 0), "? GT/s x4"
 * when the speed is, "unknown" when both are.
 */
const char *out_fmt_link(char *buf, size_t len, double gts, int width);
/*
 * "16 KiB", "1536 KiB", "2 GiB": in the largest IEC unit that divides the
 * size, as lspci writes BARs; a size that is no whole number of KiB is
 * rounded: "1.2 MiB", "1000 B".
 */
const char *out_fmt_size(char *buf, size_t len, uint64_t bytes);
/* "3.94 GB/s", "31.5 GB/s", "250 MB/s", "900 B/s": 3 digits, decimal units as bandwidth is quoted */
const char *out_fmt_rate(char *buf, size_t len, double bytes_per_s);
/* "850 ns", "12.3 us", "1.25 ms", "2.00 s" */
const char *out_fmt_latency(char *buf, size_t len, double ns);
/* "0000:81:00.0": the full address with its domain, as sysfs names it. */
const char *out_fmt_address(char *buf, size_t len, const struct iov_bdf *bdf);
/*
 * VFs are written PF/vfN, the way they are given on the command line:
 * "0000:81:00.0/vf3" (first == last), "0000:81:00.0/vf0-3".
 */
const char *out_fmt_vf_range(char *buf, size_t len, const char *pf_addr, int first, int last);

/*
 * The width to fit text to: --width when given (cli->width > 0; it applies
 * to piped output too, which is how tests and scripts force a width), else,
 * when stdout is a terminal, $COLUMNS or the terminal's size (80 if neither
 * is known). 0 when stdout is not a terminal and no width was given: print
 * full lines, never cut or wrap.
 */
unsigned out_term_width(unsigned width_opt);

/*
 * Print text wrapped at spaces so that no line passes width columns. The
 * caller has printed col columns of the first line already; later lines
 * start with indent spaces. A word longer than a line stays whole. width 0
 * (see out_term_width) prints text as one line. Ends with a newline.
 */
void out_wrap(FILE *f, const char *text, unsigned width, unsigned col, unsigned indent);

/*
 * JSON, every command: pretty with 2-space indent, no '\/' escaping, empty
 * arrays and objects as [] and {}, a newline at the end. Takes no
 * reference. Returns 0 or -errno.
 */
int out_json_print(struct json_object *o, FILE *f);
/* The same on one line, no spaces, as json-c's PLAIN: a record of JSON lines. */
int out_json_print_line(struct json_object *o, FILE *f);
/*
 * The same document written piece by piece, so that a large one (inspect's
 * thousands of functions) never sits whole in memory: begin opens the
 * top-level object; member writes "key": value; array_begin opens
 * "key": [ whose items come one by one; end closes what is open. The bytes
 * are out_json_print's for the whole tree. Takes no reference to values.
 */
#define OUT_JSON_DOC_DEPTH 4
struct out_json_doc {
	FILE *f;
	int depth;			/* open containers, the top-level object is 1 */
	bool empty[OUT_JSON_DOC_DEPTH];	/* nothing written in that container yet */
	char close[OUT_JSON_DOC_DEPTH];	/* '}' or ']' */
};
void out_json_doc_begin(struct out_json_doc *doc, FILE *f);
void out_json_doc_member(struct out_json_doc *doc, const char *key, struct json_object *v);
void out_json_doc_array_begin(struct out_json_doc *doc, const char *key);
void out_json_doc_array_item(struct out_json_doc *doc, struct json_object *v);
/* closes the innermost open array */
void out_json_doc_array_end(struct out_json_doc *doc);
/* closes everything, ends the line; 0 or -errno of the stream */
int out_json_doc_end(struct out_json_doc *doc);
/* A measured number rounded to 3 decimals and printed shortest: 16, 2.5, 15.754. */
struct json_object *out_json_number(double v);
/* v, or null when v < 0 (the kernel's "unknown") */
struct json_object *out_json_int_or_null(long long v);
/* s, or null */
struct json_object *out_json_str_or_null(const char *s);
/*
 * The keys that name a PCI function in every command's JSON (iovctl(8),
 * JSON OUTPUT): "address", "role" (pf, vf, endpoint, root_port, ...),
 * "physfn" and "vf_index" for a VF, "numa_node" (number or null). o must
 * not hold these keys yet (they are added without a lookup): call it first.
 */
void out_json_function(struct json_object *o, const struct iov_dev *d);
/* The "role" value of d */
const char *out_role(const struct iov_dev *d);

/*
 * A libsmartcols table or tree fitted to the terminal as lsblk does: when
 * a line would pass the width, columns flagged SCOLS_FL_TRUNC are cut with
 * an ellipsis (widest first, not below their header), then whole columns
 * are hidden in their drop order. Each row stays one line. With width 0
 * (piped, see out_term_width) lines are printed in full.
 */
struct out_table;

/* width: as for out_term_width(); ascii: no UTF-8 tree characters or ellipsis */
struct out_table *out_table_new(unsigned width_opt, bool ascii, bool color);
/*
 * whint and flags as for scols_table_new_column(); drop: the order in which
 * the column goes when lines are too wide, 1 first, 0 never.
 */
struct libscols_column *out_table_add_column(struct out_table *t, const char *name, double whint,
					     int flags, unsigned drop);
/* The libsmartcols table, to add lines and cells to */
struct libscols_table *out_table_scols(struct out_table *t);
/* Fit and print; 0 or -errno */
int out_table_print(struct out_table *t, FILE *f);
void out_table_free(struct out_table *t);

#endif
