// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of cmd/output.c: the formatters, the JSON writer, prose
 * wrapping and the fit of a table to a width.
 */
#include "config.h"

#include <check.h>
#include <json-c/json.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/output.h"

START_TEST(test_link)
{
	char buf[OUT_FMT_LEN];

	ck_assert_str_eq(out_fmt_link(buf, sizeof(buf), 16, 16), "16 GT/s x16");
	ck_assert_str_eq(out_fmt_link(buf, sizeof(buf), 2.5, 1), "2.5 GT/s x1");
	ck_assert_str_eq(out_fmt_link(buf, sizeof(buf), 8, 0), "8 GT/s");
	ck_assert_str_eq(out_fmt_link(buf, sizeof(buf), 0, 4), "? GT/s x4");
	ck_assert_str_eq(out_fmt_link(buf, sizeof(buf), 0, 0), "unknown");
	/* cut, never overrun */
	ck_assert_str_eq(out_fmt_link(buf, 5, 16, 16), "16 G");
}
END_TEST

START_TEST(test_size)
{
	char buf[OUT_FMT_LEN];

	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 0), "0 B");
	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 1000), "1000 B");
	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 16384), "16 KiB");
	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 1536 * 1024), "1536 KiB");
	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 2ull << 30), "2 GiB");
	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 124495), "121.6 KiB");
	ck_assert_str_eq(out_fmt_size(buf, sizeof(buf), 1234567), "1.2 MiB");
}
END_TEST

START_TEST(test_rate)
{
	char buf[OUT_FMT_LEN];

	ck_assert_str_eq(out_fmt_rate(buf, sizeof(buf), 250e6), "250 MB/s");
	ck_assert_str_eq(out_fmt_rate(buf, sizeof(buf), 3.938e9), "3.94 GB/s");
	ck_assert_str_eq(out_fmt_rate(buf, sizeof(buf), 31.5077e9), "31.5 GB/s");
	ck_assert_str_eq(out_fmt_rate(buf, sizeof(buf), 999.7e6), "1.00 GB/s");
	ck_assert_str_eq(out_fmt_rate(buf, sizeof(buf), 12345), "12.3 kB/s");
	ck_assert_str_eq(out_fmt_rate(buf, sizeof(buf), 900), "900 B/s");
}
END_TEST

START_TEST(test_latency)
{
	char buf[OUT_FMT_LEN];

	ck_assert_str_eq(out_fmt_latency(buf, sizeof(buf), 850), "850 ns");
	ck_assert_str_eq(out_fmt_latency(buf, sizeof(buf), 12345), "12.3 us");
	ck_assert_str_eq(out_fmt_latency(buf, sizeof(buf), 1.25e6), "1.25 ms");
	ck_assert_str_eq(out_fmt_latency(buf, sizeof(buf), 2e9), "2.00 s");
}
END_TEST

START_TEST(test_address_vf)
{
	struct iov_bdf b = { .domain = 0x10000, .bus = 0x81, .dev = 0x1f, .fn = 7 };
	char buf[OUT_VF_RANGE_LEN];

	ck_assert_str_eq(out_fmt_address(buf, sizeof(buf), &b), "10000:81:1f.7");
	b.domain = 0;
	ck_assert_str_eq(out_fmt_address(buf, sizeof(buf), &b), "0000:81:1f.7");
	ck_assert_str_eq(out_fmt_vf_range(buf, sizeof(buf), "0000:81:00.0", 0, 3),
			 "0000:81:00.0/vf0-3");
	ck_assert_str_eq(out_fmt_vf_range(buf, sizeof(buf), "0000:81:00.0", 5, 5),
			 "0000:81:00.0/vf5");
	/* the longest: an 8-digit domain and 16-bit indices */
	ck_assert_int_lt(snprintf(buf, sizeof(buf), "%s", "ffffffff:ff:1f.7/vf65535-65535"),
			 (int)sizeof(buf));
}
END_TEST

/* out_wrap into a string */
static char *wrap(const char *text, unsigned width, unsigned col, unsigned indent)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	ck_assert_ptr_nonnull(f);
	out_wrap(f, text, width, col, indent);
	fclose(f);
	return s;
}

START_TEST(test_wrap)
{
	char *s;

	/* width 0 (piped): the text as it is, one line */
	s = wrap("a b  c", 0, 30, 4);
	ck_assert_str_eq(s, "a b  c\n");
	free(s);
	/* breaks at the last space that fits; later lines start at the indent */
	s = wrap("one two three four five", 14, 4, 2);
	ck_assert_str_eq(s, "one two\n  three four\n  five\n");
	free(s);
	/* exactly the width fits: "one two" ends at column 11 of 11 */
	s = wrap("one two three", 11, 4, 4);
	ck_assert_str_eq(s, "one two\n    three\n");
	free(s);
	/* a word longer than the line stays whole on a line of its own */
	s = wrap("a 0000:00:1f.0,0000:00:1f.2 b", 10, 0, 1);
	ck_assert_str_eq(s, "a\n 0000:00:1f.0,0000:00:1f.2\n b\n");
	free(s);
	/* a newline in the text starts a new line at the indent */
	s = wrap("x\ny", 80, 0, 3);
	ck_assert_str_eq(s, "x\n   y\n");
	free(s);
}
END_TEST

static char *json_text(struct json_object *o)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(out_json_print(o, f), 0);
	fclose(f);
	return s;
}

/* our writer is json-c's PRETTY | SPACED | NOSLASHESCAPE form, byte for byte (empty containers aside) */
START_TEST(test_json_as_jsonc)
{
	struct json_object *o = json_object_new_object(), *a = json_object_new_array();
	const char *want;
	char *s;

	json_object_object_add(o, "esc", json_object_new_string("q\"b\\ /\b\f\n\r\t\x01\x1f\x7f \xc3\xa9"));
	json_object_object_add(o, "key \"quoted\"\n", json_object_new_boolean(1));
	json_object_object_add(o, "f", json_object_new_boolean(0));
	json_object_object_add(o, "null", NULL);
	json_object_object_add(o, "neg", json_object_new_int64(-1));
	json_object_object_add(o, "zero", json_object_new_int(0));
	json_object_object_add(o, "min", json_object_new_int64(INT64_MIN));
	json_object_object_add(o, "max", json_object_new_int64(INT64_MAX));
	json_object_object_add(o, "big", json_object_new_uint64(UINT64_MAX));
	json_object_object_add(o, "dbl", json_object_new_double(0.1));
	json_object_array_add(a, json_object_new_int(7));
	json_object_array_add(a, NULL);
	json_object_array_add(a, json_object_new_string(""));
	json_object_object_add(o, "arr", a);
	want = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
						      JSON_C_TO_STRING_NOSLASHESCAPE);
	s = json_text(o);
	ck_assert_int_eq(strlen(s), strlen(want) + 1);
	ck_assert(strncmp(s, want, strlen(want)) == 0);
	ck_assert_str_eq(s + strlen(want), "\n");
	free(s);
	json_object_put(o);
}
END_TEST

/* JSON lines (monitor -j): json-c's PLAIN form byte for byte, bad UTF-8 replaced as above */
START_TEST(test_json_line)
{
	struct json_object *o = json_object_new_object(), *a = json_object_new_array();
	struct json_object *in = json_object_new_object();
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	json_object_object_add(in, "n", json_object_new_int(-3));
	json_object_object_add(in, "d", json_object_new_double(16.0));
	json_object_array_add(a, in);
	json_object_array_add(a, NULL);
	json_object_array_add(a, json_object_new_boolean(1));
	json_object_object_add(o, "a", a);
	json_object_object_add(o, "s", json_object_new_string("D3\xe6hot\n"));
	json_object_object_add(o, "e", json_object_new_array());
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(out_json_print_line(o, f), 0);
	fclose(f);
	ck_assert_str_eq(s, "{\"a\":[{\"n\":-3,\"d\":16.0},null,true],\"s\":\"D3\xef\xbf\xbdhot\\n\",\"e\":[]}\n");
	json_object_object_del(o, "s");
	ck_assert_int_eq(strncmp(s, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), 36), 0);
	free(s);
	json_object_put(o);
}
END_TEST

/* bytes from a corrupt sysfs attribute: every invalid byte becomes U+FFFD, valid UTF-8 stays */
START_TEST(test_json_bad_utf8)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "SH\x1e" "d\xe6\xe1\r\xcc", "SH\\u001ed\xef\xbf\xbd\xef\xbf\xbd\\r\xef\xbf\xbd" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },		/* overlong "/" */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },	/* surrogate */
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "a\xe2\x82", "a\xef\xbf\xbd\xef\xbf\xbd" },		/* cut short at the end */
		{ "\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct json_object *o = json_object_new_string(t[i].in);
		char want[128], *s = json_text(o);

		snprintf(want, sizeof(want), "\"%s\"\n", t[i].want);
		ck_assert_msg(strcmp(s, want) == 0, "case %zu: got %s", i, s);
		free(s);
		json_object_put(o);
	}
}
END_TEST

START_TEST(test_json)
{
	struct json_object *o = json_object_new_object(), *inner = json_object_new_object();
	char *s;

	json_object_object_add(o, "path", json_object_new_string("/sys/bus"));
	json_object_object_add(o, "empty", json_object_new_array());
	json_object_object_add(o, "none", json_object_new_object());
	json_object_object_add(inner, "gts", out_json_number(16.0));
	json_object_object_add(inner, "half", out_json_number(2.5));
	json_object_object_add(inner, "gbps", out_json_number(15.75384615));
	json_object_object_add(inner, "neg", out_json_number(-0.0001));
	json_object_object_add(inner, "node", out_json_int_or_null(-1));
	json_object_object_add(inner, "name", out_json_str_or_null(NULL));
	json_object_object_add(o, "inner", inner);
	s = json_text(o);
	ck_assert_str_eq(s, "{\n"
			    "  \"path\": \"/sys/bus\",\n"
			    "  \"empty\": [],\n"
			    "  \"none\": {},\n"
			    "  \"inner\": {\n"
			    "    \"gts\": 16,\n"
			    "    \"half\": 2.5,\n"
			    "    \"gbps\": 15.754,\n"
			    "    \"neg\": 0,\n"
			    "    \"node\": null,\n"
			    "    \"name\": null\n"
			    "  }\n"
			    "}\n");
	free(s);
	/* an array or object filled later prints its members again */
	json_object_array_add(json_object_object_get(o, "empty"), json_object_new_int(1));
	json_object_object_add(json_object_object_get(o, "none"), "k", json_object_new_int(2));
	s = json_text(o);
	ck_assert_ptr_nonnull(strstr(s, "\"empty\": [\n    1\n  ]"));
	ck_assert_ptr_nonnull(strstr(s, "\"none\": {\n    \"k\": 2\n  }"));
	free(s);
	json_object_put(o);
}
END_TEST

/* a streamed document: the whole tree's bytes, member by member and item by item */
START_TEST(test_json_doc)
{
	struct json_object *whole = json_object_new_object(), *arr = json_object_new_array();
	struct json_object *items[3], *host = json_object_new_object();
	struct out_json_doc doc;
	char *s = NULL, *want, *big, *esc;
	size_t len = 0, i;
	FILE *f;

	/* a string past the writer's buffer goes out whole too */
	big = malloc(40000);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 39999);
	big[39999] = '\0';
	big[20000] = '\n';
	json_object_object_add(host, "functions", json_object_new_int(3));
	json_object_object_add(host, "name", json_object_new_string("a/b"));
	for (i = 0; i < 3; i++) {
		items[i] = json_object_new_object();
		json_object_object_add(items[i], "i", json_object_new_int(i));
		json_object_object_add(items[i], "l", json_object_new_array());
		json_object_array_add(json_object_object_get(items[i], "l"),
				      json_object_new_string(i == 1 ? big : "v"));
	}
	json_object_object_add(whole, "schema_version", json_object_new_int(2));
	json_object_object_add(whole, "host", json_object_get(host));
	for (i = 0; i < 3; i++)
		json_object_array_add(arr, json_object_get(items[i]));
	json_object_object_add(whole, "functions", arr);
	json_object_object_add(whole, "findings", json_object_new_array());
	json_object_object_add(whole, "last", NULL);
	want = json_text(whole);

	f = open_memstream(&s, &len);
	ck_assert_ptr_nonnull(f);
	out_json_doc_begin(&doc, f);
	{
		struct json_object *v = json_object_new_int(2);	/* the writer takes no reference */

		out_json_doc_member(&doc, "schema_version", v);
		json_object_put(v);
	}
	out_json_doc_member(&doc, "host", host);
	out_json_doc_array_begin(&doc, "functions");
	for (i = 0; i < 3; i++)
		out_json_doc_array_item(&doc, items[i]);
	out_json_doc_array_end(&doc);
	out_json_doc_array_begin(&doc, "findings");
	out_json_doc_array_end(&doc);
	out_json_doc_member(&doc, "last", NULL);
	ck_assert_int_eq(out_json_doc_end(&doc), 0);
	fclose(f);
	ck_assert_str_eq(s, want);
	ck_assert_ptr_nonnull(strstr(s, "\"functions\": [\n    {\n      \"i\": 0,"));
	ck_assert_ptr_nonnull(strstr(s, "\"findings\": [],\n"));
	/* the long string whole, its newline escaped */
	esc = malloc(40004);
	ck_assert_ptr_nonnull(esc);
	esc[0] = '"';
	memcpy(esc + 1, big, 20000);
	memcpy(esc + 20001, "\\n", 2);
	memcpy(esc + 20003, big + 20001, 39999 - 20001);
	strcpy(esc + 20003 + 39999 - 20001, "\"\n");
	ck_assert_ptr_nonnull(strstr(s, esc));
	free(esc);
	free(s);
	free(want);

	/* nothing written: {} as out_json_print writes an empty object; end closes open arrays */
	s = NULL;
	f = open_memstream(&s, &len);
	out_json_doc_begin(&doc, f);
	ck_assert_int_eq(out_json_doc_end(&doc), 0);
	out_json_doc_begin(&doc, f);
	out_json_doc_array_begin(&doc, "a");
	out_json_doc_array_item(&doc, items[0]);
	ck_assert_int_eq(out_json_doc_end(&doc), 0);
	fclose(f);
	ck_assert_str_eq(s, "{}\n{\n  \"a\": [\n    {\n      \"i\": 0,\n      \"l\": [\n        \"v\"\n"
			    "      ]\n    }\n  ]\n}\n");
	free(s);

	json_object_put(whole);
	json_object_put(host);
	for (i = 0; i < 3; i++)
		json_object_put(items[i]);
	free(big);
}
END_TEST

/*
 * A table of one tree column that never goes, NAME (truncatable, dropped
 * last), and two more, printed at width w into a string.
 */
static char *table(unsigned w)
{
	struct out_table *t = out_table_new(w, true, false);
	struct libscols_table *tb;
	struct libscols_line *ln, *child;
	char *s = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(out_table_add_column(t, "ADDRESS", 0.2, SCOLS_FL_TREE, 0));
	ck_assert_ptr_nonnull(out_table_add_column(t, "NAME", 0.3, SCOLS_FL_TRUNC, 3));
	ck_assert_ptr_nonnull(out_table_add_column(t, "DRIVER", 0.1, 0, 2));
	ck_assert_ptr_nonnull(out_table_add_column(t, "LINK", 0.1, 0, 1));
	tb = out_table_scols(t);
	ln = scols_table_new_line(tb, NULL);
	scols_line_set_data(ln, 0, "0000:00:01.0");
	scols_line_set_data(ln, 1, "Sky Lake-E PCI Express Root Port A");
	scols_line_set_data(ln, 2, "pcieport");
	scols_line_set_data(ln, 3, "8 GT/s x16");
	child = scols_table_new_line(tb, ln);
	scols_line_set_data(child, 0, "0000:01:00.0");
	scols_line_set_data(child, 1, "Ethernet Controller E810-C for QSFP");
	scols_line_set_data(child, 2, "ice");
	scols_line_set_data(child, 3, "16 GT/s x16");
	f = open_memstream(&s, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(out_table_print(t, f), 0);
	fclose(f);
	out_table_free(t);
	return s;
}

static unsigned max_line(const char *s)
{
	unsigned max = 0, n = 0;

	for (; *s; s++) {
		if (*s == '\n') {
			max = n > max ? n : max;
			n = 0;
		} else {
			n++;
		}
	}
	return max;
}

START_TEST(test_table_full)
{
	char *s;

	/* width 0 is a pipe: full lines, nothing cut */
	unsetenv("COLUMNS");
	s = table(0);
	ck_assert_ptr_nonnull(strstr(s, "Ethernet Controller E810-C for QSFP"));
	ck_assert_ptr_nonnull(strstr(s, "16 GT/s x16"));
	ck_assert_uint_eq(max_line(s) > 70, 1);
	free(s);
}
END_TEST

START_TEST(test_table_cut)
{
	char *s = table(60);

	/* NAME is cut with an ellipsis (ASCII: "..."), every column stays */
	ck_assert_uint_le(max_line(s), 60);
	ck_assert_ptr_null(strstr(s, "E810-C for QSFP"));
	ck_assert_ptr_nonnull(strstr(s, "..."));
	ck_assert_ptr_nonnull(strstr(s, "DRIVER"));
	ck_assert_ptr_nonnull(strstr(s, "16 GT/s x16"));
	/* two rows and a header: one line each */
	ck_assert_ptr_nonnull(strstr(s, "`-0000:01:00.0"));
	free(s);
}
END_TEST

START_TEST(test_table_drop)
{
	char *s = table(40);

	/* too narrow to cut NAME enough: LINK (drop 1) goes, then DRIVER */
	ck_assert_uint_le(max_line(s), 40);
	ck_assert_ptr_null(strstr(s, "LINK"));
	ck_assert_ptr_nonnull(strstr(s, "NAME"));
	ck_assert_ptr_nonnull(strstr(s, "0000:01:00.0"));
	free(s);
	/* narrower than the tree: NAME goes too, the tree stays and overflows */
	s = table(12);
	ck_assert_ptr_null(strstr(s, "NAME"));
	ck_assert_ptr_nonnull(strstr(s, "`-0000:01:00.0"));
	free(s);
}
END_TEST

START_TEST(test_term_width)
{
	/* an explicit width wins, whatever stdout is */
	ck_assert_uint_eq(out_term_width(80), 80);
	setenv("COLUMNS", "100", 1);
	ck_assert_uint_eq(out_term_width(72), 72);
	/* the test's stdout is not a terminal: COLUMNS does not apply */
	if (!isatty(STDOUT_FILENO))
		ck_assert_uint_eq(out_term_width(0), 0);
	unsetenv("COLUMNS");
}
END_TEST

static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("formatters");

	tcase_add_test(tc, test_link);
	tcase_add_test(tc, test_size);
	tcase_add_test(tc, test_rate);
	tcase_add_test(tc, test_latency);
	tcase_add_test(tc, test_address_vf);
	suite_add_tcase(s, tc);
	tc = tcase_create("prose");
	tcase_add_test(tc, test_wrap);
	suite_add_tcase(s, tc);
	tc = tcase_create("json");
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_json_as_jsonc);
	tcase_add_test(tc, test_json_bad_utf8);
	tcase_add_test(tc, test_json_line);
	tcase_add_test(tc, test_json_doc);
	suite_add_tcase(s, tc);
	tc = tcase_create("table");
	tcase_add_test(tc, test_table_full);
	tcase_add_test(tc, test_table_cut);
	tcase_add_test(tc, test_table_drop);
	tcase_add_test(tc, test_term_width);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(output_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
