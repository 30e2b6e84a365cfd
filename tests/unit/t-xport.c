/* Unit tests of the printed layout (xport) and its text, CSV and HTML
 * back ends, on a small form shaped like the 様式. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "docio.h"
#include "fdef.h"
#include "xalloc.h"
#include "xport-csv.h"
#include "xport-html.h"
#include "xport-text.h"
#include "xport.h"
#include "../tap.h"

static const char form[] =
        "form: x\n"
        "title: テスト評価書\n"
        "versions:\n"
        "  - {id: A, label: 旧, mark: \"[旧様式]\"}\n"
        "  - {id: B, label: 新}\n"
        "default_version: B\n"
        "items:\n"
        "  - key: cover\n"
        "    kind: group\n"
        "    title: 表紙\n"
        "    short: 表紙\n"
        "    items:\n"
        "      - {key: name, type: line, label: 評価書名, ref: 表紙-名}\n"
        "      - {key: note, type: text, ref: 表紙-長, label: "
        "とても長い見出しの項目で四十桁を超えるものはここにあります}\n"
        "  - key: basic\n"
        "    kind: group\n"
        "    title: I 基本\n"
        "    short: I\n"
        "    items:\n"
        "      - key: sec\n"
        "        kind: group\n"
        "        title: 1. 節\n"
        "        items:\n"
        "          - {key: kind, type: choice, label: ①種類, ref: I-1-①, "
        "options: [甲, 乙]}\n"
        "          - {key: n, type: count, label: 件数, ref: I-1-件数, "
        "show: 'kind == \"甲\"'}\n"
        "      - key: sys\n"
        "        kind: repeat\n"
        "        title: 2. システム\n"
        "        instance_label: システム*\n"
        "        ref: I-2-システム*\n"
        "        max: 6\n"
        "        items:\n"
        "          - {key: name, type: line, label: ①名称, ref: "
        "I-2-システム*-①}\n"
        "      - {key: names, type: text, label: 3. ファイル名, ref: I-3}\n"
        "      - kind: heading\n"
        "        label: 4. 個人番号の利用 ※\n"
        "        items:\n"
        "          - {key: basis, type: text, label: 法令上の根拠, ref: I-4}\n"
        "  - key: files\n"
        "    kind: repeat\n"
        "    title: ファイル\n"
        "    max: 3\n"
        "    ref_prefix: \"F*:\"\n"
        "    instance_label: ファイル*\n"
        "    items:\n"
        "      - key: outline\n"
        "        kind: group\n"
        "        title: II 概要\n"
        "        short: II\n"
        "        items:\n"
        "          - {key: name, type: line, label: 1. ファイル名, ref: "
        "II-1}\n"
        "          - key: use\n"
        "            kind: group\n"
        "            title: 3. 入手\n"
        "            items:\n"
        "              - key: src\n"
        "                type: multi\n"
        "                label: ①入手元\n"
        "                ref: II-3-①\n"
        "                members:\n"
        "                  - {label: 本人, group: ・人}\n"
        "                  - {label: 他部署, group: ・人}\n"
        "                  - {label: 旧だけ, versions: [A]}\n"
        "                  - {label: その他}\n"
        "              - {key: src_dept, type: line, label: 他部署, ref: "
        "II-3-①-他部署, companion_of: src, member: 他部署}\n"
        "              - {key: src_other, type: line, label: その他, ref: "
        "II-3-①-その他, companion_of: src, member: その他}\n"
        "          - key: entrust\n"
        "            kind: group\n"
        "            title: 4. 委託\n"
        "            items:\n"
        "              - key: items\n"
        "                kind: repeat\n"
        "                title: 委託事項\n"
        "                instance_label: 委託事項*\n"
        "                name_item: name\n"
        "                ref: II-4-委託事項*\n"
        "                max: 6\n"
        "                items:\n"
        "                  - {key: name, type: line, label: 委託事項の名称, "
        "ref: II-4-委託事項*-名称}\n"
        "                  - kind: heading\n"
        "                    label: 再委託\n"
        "                    items:\n"
        "                      - {key: sub, type: choice, label: ④再委託, "
        "ref: II-4-委託事項*-④, options: [する, しない]}\n"
        "                      - {key: how, type: text, label: ⑤方法, ref: "
        "II-4-委託事項*-⑤, show: 'sub == \"する\"'}\n"
        "      - key: risk\n"
        "        kind: group\n"
        "        title: III リスク\n"
        "        short: III\n"
        "        items:\n"
        "          - key: entrust\n"
        "            kind: group\n"
        "            title: 4. 委託\n"
        "            items:\n"
        "              - {key: none, type: flag, label: 委託しない, ref: "
        "III-4}\n"
        "              - kind: heading\n"
        "                label: 'リスク：委託先における不正な使用等のリスク'\n"
        "                items:\n"
        "                  - {key: rule, type: text, label: 規定, ref: "
        "III-4-規定, show: '!none'}\n"
        "  - key: changes\n"
        "    kind: repeat\n"
        "    title: (別添2) 変更箇所\n"
        "    short: 別添2\n"
        "    instance_label: 変更*\n"
        "    ref: 別添2-*\n"
        "    max: 10\n"
        "    items:\n"
        "      - {key: date, type: line, label: 変更日, ref: 別添2-*-日}\n"
        "      - {key: what, type: text, label: 変更後, ref: 別添2-*-後}\n";

static const char print[] = "print:\n"
                            "  header: cover.name\n"
                            "  file_name: files.*.outline.name\n"
                            "  contents: 一覧\n"
                            "  chosen: \"[ * ]\"\n"
                            "  choices: <選択肢>\n"
                            "  checked: \"[○]\"\n"
                            "  unchecked: \"[ ]\"\n"
                            "  companion: ( * )\n"
                            "  count: ( * ) 件\n"
                            "  range: ～\n"
                            "  ranges: [1, 3, 6]\n"
                            "  file_heading: \"{title}({n}. {name})\"\n"
                            "  file_sheet: \"{short}({n})\"\n"
                            "  join: 、\n"
                            "  csv_header: [参照, 項目, 値]\n";

static const char document[] = "hyoka: 1\n"
                               "form: x\n"
                               "form_version: B\n"
                               "cover:\n"
                               "  name: 名前の\"評価書\" <b>&\n"
                               "basic:\n"
                               "  sec:\n"
                               "    kind: 甲\n"
                               "    n: 2\n"
                               "  sys:\n"
                               "  - name: S1\n"
                               "  - name: S2\n"
                               "files:\n"
                               "- outline:\n"
                               "    name: ファイルA\n"
                               "    use:\n"
                               "      src: [他部署]\n"
                               "      src_dept: 市民課\n"
                               "    entrust:\n"
                               "      items:\n"
                               "      - name: 保守\n"
                               "        sub: しない\n"
                               "        how: 隠れた方法\n"
                               "  risk:\n"
                               "    entrust:\n"
                               "      none: true\n"
                               "      rule: 隠れた規定\n"
                               "- outline:\n"
                               "    name: ファイルB\n"
                               "changes:\n"
                               "- date: 令和6年5月24日\n"
                               "  what: |-\n"
                               "    行1\n"
                               "    行2\n";

/* Load the form (with the print section when with_print). Caller frees. */
static struct fdef *
load_form(bool with_print)
{
	char *text = xasprintf("%s%s", form, with_print ? print : "");
	struct diag_list dl;
	struct fdef *fd;

	diag_list_init(&dl);
	fd = fdef_load_mem("x.yaml", text, strlen(text), &dl);
	for (size_t i = 0; fd == NULL && i < dl.n; i++)
		diag("form %d:%d: %s", dl.v[i].line, dl.v[i].col, dl.v[i].msg);
	diag_list_fini(&dl);
	free(text);
	return fd;
}

/* Load the form with print's line from replaced by to; the first error
 * (caller frees), or NULL when it loads. */
static char *
print_error(const char *from, const char *to)
{
	const char *at = strstr(print, from);
	char *text = xasprintf("%s%.*s%s%s", form, (int)(at - print), print, to,
	                       at + strlen(from));
	struct diag_list dl;
	struct fdef *fd;
	char *e = NULL;

	diag_list_init(&dl);
	fd = fdef_load_mem("x.yaml", text, strlen(text), &dl);
	if (fd == NULL && dl.n > 0)
		e = xstrdup(dl.v[0].msg);
	fdef_free(&fd);
	diag_list_fini(&dl);
	free(text);
	return e;
}

/* Expect a changed print: section to be refused with a message. */
static void
expect_print_error(const char *from, const char *to, const char *what)
{
	char *e = print_error(from, to);

	ok(e != NULL && strstr(e, what) != NULL,
	   "a changed print: is refused with \"%s\" (got: %s)", what,
	   e ? e : "it loads");
	free(e);
}

/* Load the document, with its version replaced by v. Caller frees. */
static struct doc *
load_doc(const struct fdef *fd, const char *v)
{
	char *text = xstrdup(document);
	struct diag_list dl;
	struct doc *d;

	strstr(text, "form_version: B")[14] = v[0];
	diag_list_init(&dl);
	d = docio_load_mem(fd, "d.yaml", text, strlen(text), &dl);
	for (size_t i = 0; d == NULL && i < dl.n; i++)
		diag("doc %d:%d: %s", dl.v[i].line, dl.v[i].col, dl.v[i].msg);
	diag_list_fini(&dl);
	free(text);
	return d;
}

/* The row i of part p as "KIND:text" (or "KIND" without text). Static. */
static const char *
row(const struct xport *x, size_t p, size_t i)
{
	static const char *const kinds[] = {"TITLE",    "SECTION", "HEADING",
	                                    "ITEM",     "WIDE",    "NOTE",
	                                    "CONTENTS", "HEAD",    "TABLEROW"};
	static char buf[512];
	const struct xport_row *r;

	if (p >= x->nparts || i >= x->parts[p].nrows)
		return "(none)";
	r = &x->parts[p].rows[i];
	snprintf(buf, sizeof buf, "%s%s%s%s", kinds[r->kind],
	         r->text ? ":" : "", r->text ? r->text : "",
	         r->block ? " (block)" : "");
	return buf;
}

int
main(void)
{
	struct fdef *fd, *bare;
	struct doc *d, *old;
	struct xport *x;
	const struct xport_part *p;
	const struct xport_cell *c;
	char *s;
	size_t len;

	setlocale(LC_ALL, "C.UTF-8");
	fd = load_form(true);
	ok(fd != NULL && fd->print.present,
	   "the form with a print: section loads");
	bare = load_form(false);
	ok(bare != NULL && !bare->print.present, "print: is optional");
	if (fd == NULL || bare == NULL)
		return done_testing();
	d = load_doc(fd, "B");
	ok(d != NULL, "the document loads");
	if (d == NULL)
		return done_testing();

	x = xport_build(d, NULL);
	ok(x != NULL, "the layout is built");
	if (x == NULL)
		return done_testing();
	is_int((int)x->nparts, 7,
	       "parts: cover, I, II of each file, III of each file, 別添2");
	is_str(x->parts[0].heading, NULL, "the cover has no heading");
	is_str(x->parts[2].heading, "II 概要(1. ファイルA)",
	       "II of file 1 names it");
	is_str(x->parts[3].heading, "II 概要(2. ファイルB)",
	       "II of file 2 follows");
	is_str(x->parts[4].heading, "III リスク(1. ファイルA)",
	       "then III of every file");
	is_str(x->parts[3].sheet, "II(2)", "the sheet names the file's number");
	is_str(x->parts[6].sheet, "別添2",
	       "a sheet is named by its short name");
	is_str(x->header, "名前の\"評価書\" <b>&",
	       "the header is the 評価書名");

	is_str(row(x, 0, 0), "TITLE:テスト評価書",
	       "the cover opens with the title");
	is_str(row(x, 0, 1), "ITEM:評価書名", "then its items");
	is_str(row(x, 0, 2),
	       "WIDE:とても長い見出しの項目で四十桁を超えるものはここにあります",
	       "a long label is printed over the whole width");
	is_str(row(x, 0, 3), "CONTENTS:一覧", "then the list of parts");
	is_int((int)x->parts[0].rows[3].ncells, 4,
	       "one entry per kind of part");
	is_str(x->parts[0].rows[3].cells[3].text, "(別添2) 変更箇所",
	       "the list ends with 別添2");

	p = &x->parts[1];
	is_str(row(x, 1, 0), "SECTION:1. 節", "I: a section heading");
	c = &p->rows[1].cells[0];
	ok(c->kind == XPORT_CHOICE && strcmp(c->text, "甲") == 0,
	   "a choice holds its option");
	ok(c->has_count && strcmp(c->count, "2") == 0 &&
	           strcmp(c->count_ref, "I-1-件数") == 0,
	   "the count after a choice is printed with it");
	is_str(row(x, 1, 2), "SECTION:2. システム", "a repeat is a section");
	is_str(row(x, 1, 3), "HEADING:システム1 (block)", "block 1");
	is_str(row(x, 1, 5), "HEADING:システム2～3", "the heading of a group");
	is_str(row(x, 1, 6), "HEADING:システム2 (block)", "block 2 in it");
	is_str(row(x, 1, 8), "HEADING:システム4～6",
	       "an empty group's heading is printed");
	is_str(row(x, 1, 9), "WIDE:3. ファイル名",
	       "a numbered item is printed over the whole width");
	is_str(row(x, 1, 10), "SECTION:4. 個人番号の利用 ※",
	       "a numbered heading over items is a section");
	is_str(row(x, 1, 11), "ITEM:法令上の根拠", "its item");
	is_str(p->nrows > 11 ? p->rows[11].group : "", NULL,
	       "not in a row group");
	is_str(row(x, 1, 12), "(none)", "nothing more in I");

	p = &x->parts[2];
	is_str(row(x, 2, 2), "ITEM:①入手元", "a checkbox set");
	if (p->nrows < 9)
		return done_testing();
	c = &p->rows[2].cells[0];
	is_int((int)c->nmarks, 3, "its members of the document's version");
	ok(c->nmarks == 3 && !c->marks[0].checked &&
	           strcmp(c->marks[0].group, "・人") == 0 &&
	           !c->marks[0].has_extra,
	   "member 1: unchecked, opens its group, no ( )");
	ok(c->nmarks == 3 && c->marks[1].checked && c->marks[1].group == NULL &&
	           c->marks[1].has_extra &&
	           strcmp(c->marks[1].extra, "市民課") == 0 &&
	           strcmp(c->marks[1].ref, "F1:II-3-①-他部署") == 0,
	   "member 2: checked, with its ( ) text and reference");
	ok(c->nmarks == 3 && c->marks[2].has_extra &&
	           strcmp(c->marks[2].extra, "") == 0,
	   "member 3: unchecked, its ( ) blank");
	is_str(row(x, 2, 3), "SECTION:4. 委託", "a section");
	is_str(row(x, 2, 4), "ITEM:委託事項1 (block)",
	       "a block whose name_item is its name opens with "
	       "it");
	is_str(p->nrows > 4 ? p->rows[4].cells[0].label : NULL,
	       "委託事項の名称", "the item keeps its own label");
	is_str(row(x, 2, 4) ? p->rows[4].cells[0].text : NULL, "保守",
	       "the name in the heading row");
	is_str(p->nrows > 5 ? p->rows[5].group : NULL, "再委託",
	       "a short heading is a row group over its items");
	is_str(p->nrows > 6 ? p->rows[6].group : NULL, "再委託",
	       "every one of them");
	is_str(p->nrows > 4 ? p->rows[4].group : "", NULL,
	       "the block's heading row is not in it");
	is_str(row(x, 2, 6), "ITEM:⑤方法", "a hidden item is printed");
	is_str(p->nrows > 6 ? p->rows[6].cells[0].text : NULL, "", "blank");
	is_str(row(x, 2, 7), "HEADING:委託事項2～3",
	       "then the groups of blocks");
	is_str(row(x, 3, 4), "ITEM:委託事項1 (block)",
	       "file 2 with no block prints an empty block 1");
	is_str(x->parts[3].nrows > 4 ? x->parts[3].rows[4].cells[0].ref : NULL,
	       "F2:II-4-委託事項1-名称", "with the references of file 2");

	p = &x->parts[4];
	is_str(row(x, 4, 0), "SECTION:4. 委託", "III: the section");
	ok(p->rows[0].ncells == 1 && p->rows[0].cells[0].nmarks == 1 &&
	           p->rows[0].cells[0].marks[0].checked,
	   "the flag that opens it is printed in its heading row");
	is_str(row(x, 4, 1),
	       "HEADING:リスク：委託先における不正な使用等のリスク",
	       "a long heading (a risk statement) is a heading row");
	is_str(row(x, 4, 2), "ITEM:規定", "its item follows");
	is_str(p->nrows > 2 ? p->rows[2].cells[0].text : NULL, "",
	       "hidden by the flag: blank");

	p = &x->parts[6];
	is_str(row(x, 6, 0), "HEAD", "別添2 is a table");
	ok(p->block_table && p->rows[0].ncells == 2 &&
	           strcmp(p->rows[0].cells[1].text, "変更後") == 0,
	   "its columns are the items of a block");
	is_str(row(x, 6, 1), "TABLEROW:変更1", "a row per block");
	is_str(p->rows[1].cells[1].text, "行1\n行2", "with its texts");

	s = xport_text(x, &len);
	ok(strncmp(s, "テスト評価書\n\n評価書名\n  | 名前の", 37) == 0,
	   "text: the title first, then the items");
	ok(strstr(s, "①種類\n  [ 甲 ]\n  <選択肢> 1) 甲 2) 乙\n  ( 2 ) 件\n") !=
	           NULL,
	   "text: a choice, its options and its count");
	ok(strstr(s,
	          "  ・人\n  [ ] 本人\n  [○] 他部署 ( 市民課 )\n  [ ] その他 "
	          "(  )\n") != NULL,
	   "text: a checkbox set with its group and ( ) texts");
	ok(strstr(s, "--- 委託事項1 ---\n  | 保守\n") != NULL,
	   "text: a block heading with its name");
	ok(strstr(s, "⑤方法\n  |\n") != NULL && strstr(s, "隠れた") == NULL,
	   "text: hidden items print blank");
	ok(strstr(s, "4. 委託\n-----") != NULL &&
	           strstr(s, "---\n  [○] 委託しない\n--- リスク：") != NULL,
	   "text: the flag under its section heading");
	ok(strstr(s, "再委託 / ④再委託\n  [ しない ]\n") != NULL,
	   "text: an item of a row group names the group first");
	ok(strstr(s, "--- 変更1 ---\n変更日\n  | 令和6年5月24日\n変更後\n  | "
	             "行1\n  | 行2\n") != NULL,
	   "text: a table row of 別添2 as a block of lines");
	free(s);

	s = xport_csv(x, &len);
	ok(strncmp(s, "\"参照\",\"項目\",\"値\"\r\n",
	           strlen("\"参照\",\"項目\",\"値\"\r\n")) == 0,
	   "csv: the header");
	ok(strstr(s, "\"表紙-名\",\"評価書名\",\"名前の\"\"評価書\"\" "
	             "<b>&\"\r\n") != NULL,
	   "csv: quotes doubled");
	ok(strstr(s, "\"F1:II-3-①\",\"①入手元\",\"他部署\"\r\n\"F1:II-3-①-"
	             "他部署\",\"他部署\",\"市民課\"\r\n") != NULL,
	   "csv: a checkbox set, then its ( ) texts");
	ok(strstr(s, "\"F1:III-4\",\"委託しない\",\"委託しない\"\r\n") != NULL,
	   "csv: a checked flag is its label");
	ok(strstr(s, "\"別添2-1-後\",\"変更後\",\"行1\n行2\"\r\n") != NULL,
	   "csv: a text of several lines in one field");
	free(s);

	s = xport_html(x, &len);
	ok(strstr(s,
	          "<title>名前の&quot;評価書&quot; &lt;b&gt;&amp;</title>") !=
	           NULL,
	   "html: text is escaped");
	ok(strstr(s, "@top-center { content: \"名前の\\\"評価書\\\" \\3C "
	             "b>&\";") != NULL,
	   "html: the page header is a safe CSS string");
	ok(strstr(s, "<h2>II 概要(2. ファイルB)</h2>") != NULL,
	   "html: part headings");
	ok(strstr(s, "<script") == NULL, "html: no script");
	free(s);
	xport_free(&x);
	ok(x == NULL, "xport_free nulls the pointer");

	x = xport_build(d, "下書き");
	ok(x != NULL && strcmp(x->footer, "下書き") == 0, "a draft's footer");
	s = x ? xport_text(x, &len) : xstrdup("");
	ok(len >= strlen("下書き\n") &&
	           strcmp(s + len - strlen("下書き\n"), "下書き\n") == 0,
	   "text: the footer at the end");
	free(s);
	xport_free(&x);

	old = load_doc(fd, "A");
	x = old ? xport_build(old, NULL) : NULL;
	ok(x != NULL && x->parts[0].nrows == 5 &&
	           x->parts[0].rows[3].kind == XPORT_NOTE &&
	           strcmp(x->parts[0].rows[3].text, "[旧様式]") == 0,
	   "version A: its mark on the cover");
	ok(x != NULL && x->parts[2].rows[2].cells[0].nmarks == 4,
	   "version A: the member of A only is printed");
	xport_free(&x);
	doc_free(&old);
	doc_free(&d);

	d = load_doc(bare, "B");
	ok(d != NULL && xport_build(d, NULL) == NULL,
	   "a form without print: cannot be laid out");
	expect_print_error("  checked: \"[○]\"\n", "",
	                   "print needs \"checked\"");
	expect_print_error("[1, 3, 6]", "[3, 1]", "increasing");
	expect_print_error("header: cover.name", "header: cover.nosuch",
	                   "\"header\" of print must be the path of an item");
	expect_print_error("[参照, 項目, 値]", "[参照, 値]",
	                   "three column names");
	expect_print_error("  join: 、\n", "  join: 、\n  colour: red\n",
	                   "unknown field \"colour\"");
	doc_free(&d);
	fdef_free(&fd);
	fdef_free(&bare);
	return done_testing();
}
