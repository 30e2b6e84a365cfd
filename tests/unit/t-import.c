/* Importing the three published assessments of tests/data (seed000.txt ...
 * as extracted from their PDFs) against their hand transcriptions
 * (seed000.yaml ...): every value the extraction carries is reproduced,
 * the values that differ are the ones listed with their reason in
 * seedNNN.import-diff, none of them differs silently, and damaged copies
 * of the sources are read without a crash and with what could not be read
 * reported. seed000 and seed003 are read as PDF layout text too
 * (seedNNN.layout.txt: the transcription printed to PDF by hyoka's HTML
 * export through Chromium, then pdftotext -layout; its differences are in
 * seedNNN.layout-diff). */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docio.h"
#include "fdef.h"
#include "import.h"
#include "jtext.h"
#include "resolve.h"
#include "sbuf.h"
#include "xalloc.h"
#include "../tap.h"

static struct fdef *fd;

/* What comparing an import with its transcription found. */
struct cmp {
	size_t values; /* values of the transcription */
	size_t exact;  /* of them, reproduced exactly */
	char **diff;   /* paths that differ */
	size_t ndiff;
	size_t silent; /* differences neither marked nor blank-only */
};

/* Read a whole file of tests/data. Caller frees. */
static char *
slurp(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path =
	        xasprintf("%s/tests/data/%s", top ? top : ABS_TOP_SRCDIR, name);
	FILE *fp = fopen(path, "rb");
	struct sbuf sb;
	char buf[8192];
	size_t n;

	sbuf_init(&sb);
	if (fp == NULL) {
		diag("cannot read %s", path);
		free(path);
		*len = 0;
		return sbuf_detach(&sb);
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(&sb, buf, n);
	fclose(fp);
	free(path);
	*len = sb.len;
	return sbuf_detach(&sb);
}

/* Say whether two values differ only in blanks and line breaks (the
 * transcription restored a line break where the extraction has a blank).
 * No memory beyond what it frees. */
static bool
same_but_blanks(const char *a, const char *b)
{
	char *fa = jtext_fold(a, JTEXT_DROP_BLANKS | JTEXT_KEEP_CIRCLED);
	char *fb = jtext_fold(b, JTEXT_DROP_BLANKS | JTEXT_KEEP_CIRCLED);
	bool same = strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return same;
}

/* Note that the value at path differs. */
static void
cmp_differs(struct cmp *c, char *path, bool silent)
{
	c->diff = xreallocarray(c->diff, c->ndiff + 1, sizeof *c->diff);
	c->diff[c->ndiff++] = path;
	if (silent) {
		c->silent++;
		diag("differs silently: %s", path);
	}
}

/* Compare the item n of the transcription's instance want with the
 * import's instance got (NULL: absent there). */
static void
cmp_item(struct cmp *c, const struct doc_group *want,
         const struct doc_group *got, const struct fdef_node *n)
{
	const struct doc_value *wv = want ? &doc_slot(want, n)->val : NULL;
	const struct doc_value *gv = got ? &doc_slot(got, n)->val : NULL;
	bool marked =
	        got != NULL && (doc_review_of(got, n) != NULL ||
	                        (n->companion_of != NULL &&
	                         doc_review_of(got, n->companion_of) != NULL));
	const struct doc_group *at = want ? want : got;

	if (n->type == FT_TABLE) {
		size_t nc = n->ncolumns, wr = wv ? wv->n / nc : 0,
		       gr = gv ? gv->n / nc : 0;

		for (size_t r = 0; r < wr || r < gr; r++) {
			bool same = r < wr && r < gr;

			for (size_t k = 0; same && k < nc; k++)
				same = strcmp(wv->v[r * nc + k],
				              gv->v[r * nc + k]) == 0;
			c->values += r < wr;
			c->exact += same;
			if (!same) {
				char *p = doc_path_of(at, n);

				cmp_differs(c, xasprintf("%s#%zu", p, r + 1),
				            r < gr && !marked);
				free(p);
			}
		}
		return;
	}
	{
		char *ws = wv ? doc_format_value(n, wv) : xstrdup("");
		char *gs = gv ? doc_format_value(n, gv) : xstrdup("");

		/* A value the import does not have is lost, not wrong: the
		 * extraction did not carry it. */
		c->values += ws[0] != '\0';
		if (strcmp(ws, gs) == 0)
			c->exact += ws[0] != '\0';
		else
			cmp_differs(c, doc_path_of(at, n),
			            gs[0] != '\0' && !marked &&
			                    !same_but_blanks(ws, gs));
		free(ws);
		free(gs);
	}
}

/* Compare the instance want with got, item by item. */
static void
cmp_group(struct cmp *c, const struct doc_group *want,
          const struct doc_group *got)
{
	const struct fdef_node *def = want ? want->def : got->def;

	for (size_t k = 0; k < def->nkids; k++) {
		const struct fdef_node *n = def->kids[k];

		if (n->kind == FDEF_ITEM) {
			cmp_item(c, want, got, n);
		} else if (n->kind == FDEF_GROUP) {
			cmp_group(c, want ? doc_slot(want, n)->grp : NULL,
			          got ? doc_slot(got, n)->grp : NULL);
		} else {
			size_t nw = want ? doc_slot(want, n)->ninst : 0;
			size_t ng = got ? doc_slot(got, n)->ninst : 0;

			for (size_t i = 0; i < nw || i < ng; i++)
				cmp_group(c,
				          i < nw ? doc_slot(want, n)->inst[i]
				                 : NULL,
				          i < ng ? doc_slot(got, n)->inst[i]
				                 : NULL);
		}
	}
}

/* Import text; return the result (caller frees). */
static void
import(const char *text, size_t len, struct import_result *r)
{
	struct import_opts o = {NULL, false, NULL};
	char *err = NULL;

	if (!import_text(fd, text, len, &o, r, &err)) {
		diag("%s", err);
		free(err);
	}
}

/* Say whether the list of expected differences (one "path<TAB>reason"
 * per line, # comments) names path, and mark it found. */
static bool
listed(char *list, const char *path)
{
	size_t n = strlen(path);

	for (char *l = list; l != NULL && *l;) {
		char *nl = strchr(l, '\n');

		if (l[0] != '#' && strncmp(l, path, n) == 0 && l[n] == '\t') {
			l[0] = '#'; /* found */
			return true;
		}
		l = nl ? nl + 1 : NULL;
	}
	return false;
}

/* Import a source of seed NNN (kind: "txt", its extraction, or
 * "layout.txt", pdftotext -layout of its PDF) and compare it with the
 * transcription; the values that differ are listed in NNN.import-diff or
 * NNN.layout-diff. */
static void
seed(const char *name, const char *kind, size_t *values, size_t *exact)
{
	char *file = xasprintf("%s.%s", name, kind),
	     *yaml = xasprintf("%s.yaml", name);
	char *dname = xasprintf("%s.%s", name,
	                        strcmp(kind, "txt") == 0 ? "import-diff"
	                                                 : "layout-diff");
	size_t tlen, ylen, llen;
	char *text = slurp(file, &tlen), *y = slurp(yaml, &ylen);
	char *list = slurp(dname, &llen);
	struct diag_list dl;
	struct doc *want;
	struct import_result r, r2;
	struct cmp c = {0, 0, NULL, 0, 0};
	char *out, *out2;
	size_t olen, olen2, unlisted = 0;

	diag_list_init(&dl);
	want = docio_load_mem(fd, yaml, y, ylen, &dl);
	ok(want != NULL, "%s: the transcription loads", file);
	import(text, tlen, &r);
	ok(r.doc != NULL && r.doc->version == want->version,
	   "%s: imported, form version %s as transcribed", file,
	   fd->versions[want->version].id);
	cmp_group(&c, want->root, r.doc->root);
	for (size_t i = 0; i < c.ndiff; i++)
		if (!listed(list, c.diff[i])) {
			diag("%s: not in %s: %s", file, dname, c.diff[i]);
			unlisted++;
		}
	ok(unlisted == 0,
	   "%s: every value that differs is listed with its "
	   "reason (%zu differ)",
	   file, c.ndiff);
	{
		size_t stale = 0;

		for (char *l = list; l != NULL && *l;) {
			char *nl = strchr(l, '\n');

			if (l[0] != '#' && l[0] != '\n') {
				diag("%s: listed but the same now: %.*s", file,
				     (int)(strchr(l, '\t') ? strchr(l, '\t') - l
				                           : 20),
				     l);
				stale++;
			}
			l = nl ? nl + 1 : NULL;
		}
		ok(stale == 0, "%s: every listed difference is still one",
		   file);
	}
	{
		/* Every 別添2 row whose 項目 the resolver cannot read as one
		 * item of the document is marked. */
		const struct fdef_node *item = fdef_role(fd, "change_item");
		const struct doc_slot *rows =
		        doc_slot(r.doc->root, item->parent);
		struct resolve_log log;
		size_t unsure = 0, unmarked = 0;

		resolve_log(r.doc, &log);
		for (size_t i = 0; i < log.n; i++)
			if (log.rows[i].status != RESOLVE_SURE &&
			    !doc_value_empty(
			            &doc_slot(rows->inst[i], item)->val)) {
				unsure++;
				unmarked += doc_review_of(rows->inst[i],
				                          item) == NULL;
			}
		resolve_log_fini(&log);
		ok(unmarked == 0,
		   "%s: each of the %zu 別添2 rows whose 項目 names no one "
		   "item is marked",
		   file, unsure);
	}
	ok(c.silent == 0,
	   "%s: no value differs silently (each one is marked 要確認 or "
	   "differs only in line breaks)",
	   file);
	ok(c.exact * 100 >= c.values * 90,
	   "%s: %zu of %zu values exact (%.1f%%, at least 90%%)", file, c.exact,
	   c.values, c.values ? 100.0 * c.exact / c.values : 0);
	*values += c.values;
	*exact += c.exact;
	/* The document written loads as a hyoka document and is the same
	 * bytes when imported again. */
	out = docio_emit(r.doc, &olen);
	import(text, tlen, &r2);
	out2 = docio_emit(r2.doc, &olen2);
	ok(out != NULL && out2 != NULL && olen == olen2 &&
	           memcmp(out, out2, olen) == 0,
	   "%s: importing twice gives the same bytes", file);
	{
		struct doc *back =
		        out ? docio_load_mem(fd, "out", out, olen, &dl) : NULL;

		ok(back != NULL, "%s: the document written loads again", file);
		doc_free(&back);
	}
	free(out);
	free(out2);
	import_result_fini(&r2);
	import_result_fini(&r);
	for (size_t i = 0; i < c.ndiff; i++)
		free(c.diff[i]);
	free(c.diff);
	doc_free(&want);
	diag_list_fini(&dl);
	free(text);
	free(y);
	free(list);
	free(file);
	free(yaml);
	free(dname);
}

/* A pseudo-random number for the damage (fixed, so runs repeat). */
static unsigned long
rnd(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return *state >> 33;
}

/* Split text into an array of lines. Caller frees the array (the lines
 * point into text). */
static char **
lines_of(char *text, size_t *n)
{
	char **v = NULL;
	size_t k = 0;

	for (char *p = text; p != NULL;) {
		char *nl = strchr(p, '\n');

		if (nl != NULL)
			*nl = '\0';
		v = xreallocarray(v, k + 1, sizeof *v);
		v[k++] = p;
		p = nl ? nl + 1 : NULL;
	}
	*n = k;
	return v;
}

/* Damage a source in one way (kind 0..3) and join it again. Caller frees. */
static char *
damage(const char *src, int kind, unsigned long seed_value)
{
	char *text = xstrdup(src);
	size_t n;
	char **l = lines_of(text, &n);
	unsigned long st = seed_value;
	struct sbuf sb;

	sbuf_init(&sb);
	if (kind == 0) {
		/* Lines shuffled within pages of 40 lines. */
		for (size_t p = 0; p < n; p += 40) {
			size_t m = n - p < 40 ? n - p : 40;

			for (size_t i = m; i > 1; i--) {
				size_t j = rnd(&st) % i;
				char *t = l[p + i - 1];

				l[p + i - 1] = l[p + j];
				l[p + j] = t;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const char *s = l[i];

		if (kind == 1 && i % 37 == 0)
			/* A running header and a page break. */
			sbuf_adds(
			        &sb,
			        "\f特定個人情報保護評価書(重点項目評価書)  - 3 -\n");
		if (kind == 2 && strlen(s) > 6) {
			/* A word split at a random place. */
			size_t at = rnd(&st) % strlen(s);

			while (at > 0 && (s[at] & 0xC0) == 0x80)
				at--;
			sbuf_add(&sb, s, at);
			sbuf_adds(&sb, rnd(&st) % 2 ? " " : "\n");
			sbuf_adds(&sb, s + at);
		} else if (kind == 3) {
			/* Marks removed. */
			for (const char *p = s; *p; p++) {
				if (strncmp(p, "○", 3) == 0 ||
				    strncmp(p, "checked", 7) == 0) {
					p += strncmp(p, "○", 3) == 0 ? 2 : 6;
					continue;
				}
				sbuf_addc(&sb, *p);
			}
		} else {
			sbuf_adds(&sb, s);
		}
		sbuf_addc(&sb, '\n');
	}
	free(l);
	free(text);
	return sbuf_detach(&sb);
}

/* Import damaged copies of a seed: each is read and written; page
 * headers are dropped (the same document as from the clean source), and
 * the other damage is reported as more that could not be read. */
static void
damaged(const char *name)
{
	static const char *const kinds[] = {
	        "lines shuffled within pages", "page headers inserted",
	        "words split at random places", "checkbox marks removed"};
	char *file = xasprintf("%s.txt", name);
	size_t len;
	char *text = slurp(file, &len);
	struct import_result clean;
	size_t base, clen;
	char *cout;

	import(text, len, &clean);
	base = clean.nuncertain + clean.nmissing + clean.nunmapped;
	cout = docio_emit(clean.doc, &clen);
	for (int k = 0; k < 4; k++) {
		char *bad = damage(text, k, 42 + (unsigned long)k);
		struct import_result r;
		size_t olen;
		char *out;

		import(bad, strlen(bad), &r);
		out = r.doc ? docio_emit(r.doc, &olen) : NULL;
		if (k == 1)
			ok(out != NULL && olen == clen &&
			           memcmp(out, cout, olen) == 0,
			   "%s, %s: recognized as page headers, the same "
			   "document as from the clean source",
			   name, kinds[k]);
		else
			ok(out != NULL &&
			           r.nuncertain + r.nmissing + r.nunmapped >
			                   base,
			   "%s, %s: imported, %zu items uncertain, %zu not "
			   "found, %zu lines unmapped (clean: %zu in all)",
			   name, kinds[k], r.nuncertain, r.nmissing,
			   r.nunmapped, base);
		free(out);
		import_result_fini(&r);
		free(bad);
	}
	import_result_fini(&clean);
	free(cout);
	free(text);
	free(file);
}

int
main(void)
{
	struct diag_list dl;
	const char *top = getenv("top_srcdir");
	char *form =
	        xasprintf("%s/forms/jyuten.yaml", top ? top : ABS_TOP_SRCDIR);
	size_t values = 0, exact = 0;

	setlocale(LC_ALL, "C.UTF-8");
	diag_list_init(&dl);
	fd = fdef_load(form, &dl);
	free(form);
	if (!ok(fd != NULL, "the form loads"))
		return done_testing();
	seed("seed000", "txt", &values, &exact);
	seed("seed002", "txt", &values, &exact);
	seed("seed003", "txt", &values, &exact);
	ok(exact * 100 >= values * 95,
	   "the three seeds: %zu of %zu values of the transcriptions "
	   "reproduced exactly (%.1f%%, at least 95%%)",
	   exact, values, 100.0 * exact / values);
	/* The same assessments printed to PDF (hyoka's HTML export through
	 * Chromium) and read back with pdftotext -layout. */
	values = exact = 0;
	seed("seed000", "layout.txt", &values, &exact);
	seed("seed003", "layout.txt", &values, &exact);
	ok(exact * 100 >= values * 95,
	   "two seeds as PDF layout text: %zu of %zu values reproduced "
	   "exactly (%.1f%%, at least 95%%)",
	   exact, values, 100.0 * exact / values);
	damaged("seed000");
	damaged("seed002");
	damaged("seed003");
	{
		/* Cells apart by ideographic blanks (U+3000) only: the line
		 * is split and the import ends (it once looped forever). */
		static const char text[] =
		        "-- \xe3\x80\x80\xe3\x80\x80\xe3\x80\x80X\n"
		        "\xe2\x91\xa0\xe4\xba\x8b\xe5\x8b\x99\xe3\x81\xae"
		        "\xe5\x90\x8d\xe7\xa7\xb0\xe3\x80\x80\xe3\x80\x80"
		        "\xe6\x9c\xac\n\f";
		struct import_result r;

		import(text, sizeof text - 1, &r);
		ok(r.doc != NULL, "a line whose cells are apart by ideographic "
		                  "blanks is read");
		import_result_fini(&r);
	}
	{
		/* Pages of a spreadsheet's print: the title rows (II ...)
		 * again at the top of every page, no file's name in them. A
		 * heading followed by its part's first section starts the
		 * next file; one followed by the rest of a section is the
		 * page's title. */
		static const char text[] =
		        "事務 重点項目評価書\n\nI 基本情報\n"
		        "1. 特定個人情報ファイルを取り扱う事務\n"
		        "①事務の名称          テスト事務\n\n     1 / 4\n"
		        "\f事務 重点項目評価書\n\nII 特定個人情報ファイルの概要\n"
		        "1. 特定個人情報ファイル名\nファイルA\n2. 基本情報\n"
		        "⑤保有開始日        平成27年10月\n\n     2 / 4\n"
		        "\f事務 重点項目評価書\n\nII 特定個人情報ファイルの概要\n"
		        "⑥事務担当部署       係A\n\n     3 / 4\n"
		        "\f事務 重点項目評価書\n\nII 特定個人情報ファイルの概要\n"
		        "1. 特定個人情報ファイル名\nファイルB\n2. 基本情報\n"
		        "⑤保有開始日        平成28年1月\n"
		        "⑥事務担当部署       係B\n\n     4 / 4\n";
		struct import_result r;
		char *out = NULL;
		size_t olen = 0;
		const char *a, *ka, *b, *kb;
		size_t nfiles;

		import(text, sizeof text - 1, &r);
		if (r.doc != NULL)
			out = docio_emit(r.doc, &olen);
		a = out ? strstr(out, "name: ファイルA") : NULL;
		ka = a ? strstr(a, "dept: 係A") : NULL;
		b = ka ? strstr(ka, "name: ファイルB") : NULL;
		kb = b ? strstr(b, "dept: 係B") : NULL;
		nfiles = 0;
		for (const char *p = out; p != NULL && (p = strstr(p, "\n- "));
		     p++)
			nfiles++;
		ok(kb != NULL && nfiles == 2,
		   "a part's heading again at the top of a page is the page's "
		   "title; followed by its first section, the next file's "
		   "(%zu files, each with its values)",
		   nfiles);
		free(out);
		import_result_fini(&r);
	}
	fdef_free(&fd);
	diag_list_fini(&dl);
	return done_testing();
}
